/**
 * `kubespec <command>`: the front door for users. Each command lives in its
 * own file and registers here.
 */
import { parseArgs } from 'node:util';
import { conformance } from './conformance.ts';
import { faults } from './faults.ts';
import { iptables } from './iptables.ts';
import { schedule } from './schedule.ts';
import { serve } from './serve.ts';

export interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  conformance,
  faults,
  iptables,
  schedule,
  serve,
};

function help(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return `Usage: kubespec <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nkubespec <command> --help for a command's options.`;
}

const [name, ...rest] = process.argv.slice(2);
const { values } = parseArgs({ args: name ? [] : process.argv.slice(2), options: { help: { type: 'boolean', short: 'h' } }, strict: false });
const command = name ? COMMANDS[name] : undefined;
if (!command) {
  console.log(help());
  process.exitCode = name && !values.help && name !== '--help' && name !== '-h' ? 2 : 0;
  if (name && process.exitCode === 2) console.error(`\nkubespec: unknown command "${name}"`);
} else if (rest.includes('--help') || rest.includes('-h')) {
  console.log(command.usage);
} else {
  try {
    process.exitCode = await command.run(rest);
  } catch (e) {
    // A user error gets one clear line, not a stack trace.
    console.error(`kubespec ${name}: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  }
}
