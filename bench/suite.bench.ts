/**
 * The conformance suite's wall time on the reference, as a user runs it:
 * `npx cucumber-js`. Baseline from the same run: `npx cucumber-js --dry-run`,
 * which loads the steps and parses every scenario but runs none, so the
 * difference is the time the scenarios themselves take.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Benchmark } from './figures.ts';

const root = path.resolve(import.meta.dirname, '..');

async function timed(args: string[]): Promise<{ seconds: number; code: number; summary: string }> {
  const started = performance.now();
  const child = spawn('npx', ['cucumber-js', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  const failures = [...out.matchAll(/^\d+\) Scenario: (.*?)(?:\s+#.*)?$/gm)].map((m) => m[1]);
  const summary = out.match(/^\d+ scenarios? \([^)]*\)/m)?.[0] ?? 'no summary';
  return { seconds: (performance.now() - started) / 1000, code, summary: failures.length ? `${summary}; failed: ${failures.join('; ')}` : summary };
}

export default {
  id: 'suite',
  title: 'suite: npx cucumber-js on the reference',
  async run() {
    const dry = await timed(['--dry-run']);
    const full = await timed([]);
    return {
      id: 'suite',
      title: this.title,
      figures: [
        {
          id: 'suite.wall_s',
          label: 'npx cucumber-js',
          value: full.seconds,
          unit: 's',
          better: 'lower',
          target: 10,
          baseline: { label: 'npx cucumber-js --dry-run (loading only)', value: dry.seconds },
          ...(full.code !== 0 ? { note: `the suite failed (exit ${full.code}): ${full.summary}` } : { note: full.summary }),
        },
      ],
    };
  },
} satisfies Benchmark;
