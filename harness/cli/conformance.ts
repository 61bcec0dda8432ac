/**
 * `kubespec conformance --adapter reference|<module path> [--tags EXPR]`:
 * runs the scenarios against an adapter. Scenarios that need a capability
 * the adapter lacks are reported as skipped, with the reason.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadAdapter } from '../adapters/load.ts';
import type { Command } from './kubespec.ts';

const root = path.resolve(import.meta.dirname, '../..');

export const conformance: Command = {
  summary: 'run the conformance scenarios against an adapter (default: the built-in reference)',
  usage: `Usage: kubespec conformance [--adapter reference|PATH] [--tags EXPR]

  --adapter   built-in name or a module exporting an Adapter (spec/adapter.ts)
  --tags      a cucumber tag expression, e.g. "@component:scheduler and not @pending"`,
  async run(args) {
    const { values } = parseArgs({ args, options: { adapter: { type: 'string', default: 'reference' }, tags: { type: 'string' } } });
    // Refuse a broken adapter here, with its problems listed, before any scenario runs.
    const adapter = await loadAdapter(values.adapter);
    console.log(`kubespec: adapter "${adapter.name}" with capabilities: ${[...adapter.capabilities].join(', ') || '(none)'}`);
    const cucumberArgs = values.tags ? ['--tags', values.tags] : [];
    const child = spawn(path.join(root, 'node_modules/.bin/cucumber-js'), cucumberArgs, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, KUBESPEC_ADAPTER: values.adapter },
    });
    return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  },
};
