/**
 * `npm run bench`: runs every `bench/*.bench.ts`, each in its own process,
 * prints a table of its figures against their targets and their same-run
 * baselines, and writes everything with the machine it ran on to
 * `reports/bench.json`. Timings live only here, never in pass/fail tests.
 *
 *   npm run bench                    every benchmark
 *   npm run bench -- api suite       only those whose file names contain these words
 *   npm run bench -- --profile       also writes a CPU profile per benchmark (node --cpu-prof)
 *                                    under reports/bench-profiles/
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { machine, met, ratio, type Figure, type Section } from './figures.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const profile = args.includes('--profile');
const only = args.filter((a) => !a.startsWith('--'));
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();

const host = machine();
console.log(`machine: ${host.cpu} (${host.cpus} cpus, ${host.memoryGiB} GiB), Node ${host.node}, ${host.platform}; load average ${host.loadAverageAtStart.join(' ')}`);

function runSection(file: string, out: string): Promise<number> {
  const flags = ['--import', 'tsx'];
  if (profile) flags.push('--cpu-prof', `--cpu-prof-dir=${path.join(root, 'reports/bench-profiles', path.basename(file, '.bench.ts'))}`);
  const child = spawn(process.execPath, [...flags, path.join(import.meta.dirname, 'section-runner.ts'), path.join(import.meta.dirname, file), out], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

const fmt = (v: number | null | undefined, unit = '') => {
  if (v === null || v === undefined || Number.isNaN(v)) return 'not measured';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
};

function printSection(s: Section): void {
  console.log(`\n${s.title}`);
  for (const f of s.figures) {
    const verdict = met(f);
    const target = f.target === undefined ? '' : `target ${f.better === 'higher' ? '>=' : '<='} ${fmt(f.target, f.unit)} ${verdict === undefined ? '' : verdict ? '(met)' : '(NOT met)'}`;
    const r = ratio(f);
    const base = f.baseline ? `${f.baseline.label}: ${fmt(f.baseline.value, f.unit)}${r === undefined ? '' : ` (x${r.toFixed(2)})`}` : '';
    console.log(`  ${f.label.padEnd(52)} ${fmt(f.value, f.unit).padStart(16)}  ${target.padEnd(34)} ${base}`);
    if (f.note) console.log(`  ${''.padEnd(52)} ${f.note}`);
    if (f.baseline?.note) console.log(`  ${''.padEnd(52)} baseline: ${f.baseline.note}`);
  }
}

const started = performance.now();
const tmp = mkdtempSync(path.join(tmpdir(), 'kubespec-bench-'));
const sections: Section[] = [];
const failures: string[] = [];
try {
  for (const file of files) {
    const out = path.join(tmp, `${file}.json`);
    const t0 = performance.now();
    console.log(`\n== ${file} ==`);
    const code = await runSection(file, out);
    let section: Section;
    try {
      section = JSON.parse(readFileSync(out, 'utf8')) as Section;
    } catch {
      failures.push(`${file} exited ${code} without figures`);
      continue;
    }
    section.details = { ...section.details, sectionSeconds: Math.round((performance.now() - t0) / 100) / 10 };
    sections.push(section);
    printSection(section);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const figures: Record<string, Figure> = Object.fromEntries(sections.flatMap((s) => s.figures.map((f) => [f.id, f])));
const report = {
  machine: host,
  date: new Date().toISOString(),
  totalSeconds: Math.round((performance.now() - started) / 100) / 10,
  figures,
  sections,
  failures,
};
mkdirSync(path.join(root, 'reports'), { recursive: true });
writeFileSync(path.join(root, 'reports/bench.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`\nreports/bench.json written; ${report.totalSeconds} s in all${failures.length ? `; FAILED: ${failures.join('; ')}` : ''}`);
if (failures.length) process.exitCode = 1;
