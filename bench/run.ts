/**
 * `npm run bench`: runs every `bench/*.bench.ts` and prints what each
 * measured, with the machine it ran on. Timings live only here, never in
 * pass/fail tests; each benchmark compares against a baseline measured in
 * the same run, so ratios mean something across machines.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Measurement {
  name: string;
  /** Operations per second. */
  rate: number;
  unit: string;
}

export interface Benchmark {
  title: string;
  /** The first measurement is the baseline the others are compared with. */
  run(): Promise<Measurement[]>;
}

const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} (${os.cpus().length} cpus), Node ${process.version}, ${os.platform()} ${os.arch()}`);
for (const file of files) {
  const bench = (await import(pathToFileURL(path.join(import.meta.dirname, file)).href)).default as Benchmark;
  console.log(`\n${bench.title} (${file})`);
  const results = await bench.run();
  const baseline = results[0]!.rate;
  for (const r of results) console.log(`  ${r.name.padEnd(58)} ${r.rate.toFixed(0).padStart(9)} ${r.unit}  x${(r.rate / baseline).toFixed(2)}`);
}
