/**
 * Runs one benchmark file in its own process (so its heap, its peak RSS
 * and anything it leaves running are its own) and writes its Section as
 * JSON to the path given.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Benchmark } from './figures.ts';

const [file, out] = process.argv.slice(2);
if (!file || !out) throw new Error('Usage: section-runner.ts BENCH_FILE OUT_JSON');
const bench = (await import(pathToFileURL(path.resolve(file)).href)).default as Benchmark;
const section = await bench.run();
writeFileSync(out, JSON.stringify(section, null, 2));
// A benchmark may leave sockets or timers behind; its figures are written, so end here.
process.exit(0);
