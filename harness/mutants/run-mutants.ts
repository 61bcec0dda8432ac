/**
 * Runs each seeded wrong implementation through `kubespec conformance`, the
 * way a user runs their own, and tells which were killed: a mutant is
 * killed when at least one scenario fails against it. A mutant that cannot
 * even be loaded counts as surviving (the run proved nothing about it).
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Mutant } from './mutant.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HERE = import.meta.dirname;
/** Generous for the reference on virtual time, where a scenario takes milliseconds; a runaway meets it. */
const SCENARIO_LIMIT_S = 30;

export interface MutantRun {
  file: string;
  mutant: Mutant;
  killed: boolean;
  /** The first failing scenario and why, or why it was not killed. */
  evidence: string;
}

/** Every mutant file: harness/mutants/<component>/<bug>.ts. */
export function mutantFiles(): string[] {
  return readdirSync(HERE, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(path.join(HERE, d.name)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => path.join(HERE, d.name, f)))
    .sort();
}

function swapArgs(mutant: Mutant, file: string): string[] {
  if (mutant.swap === 'adapter') return ['--adapter', file];
  if (mutant.swap === 'scheduler') return ['--scheduler', file];
  if (mutant.swap === 'kube-proxy') return ['--kube-proxy', file];
  return ['--controller', `${mutant.swap.slice('controller:'.length)}=${file}`];
}

export async function runMutant(file: string): Promise<MutantRun> {
  const { mutant } = (await import(file)) as { mutant: Mutant };
  const name = path.relative(HERE, file).replace(/\.ts$/, '');
  const args = [
    path.join(ROOT, 'bin/kubespec.mjs'), 'conformance', ...swapArgs(mutant, file),
    '--tags', mutant.tags, '--fail-fast', '--scenario-timeout', String(SCENARIO_LIMIT_S),
    '--reports', path.join(ROOT, 'reports/mutants', name),
  ];
  const { code, out } = await new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('close', (c) => resolve({ code: c ?? 1, out: text }));
  });
  const failed = /^✘ failed {2}(.*)\n\s*(.*)$/m.exec(out);
  if (code === 1 && failed) return { file: name, mutant, killed: true, evidence: `${failed[1]}: ${failed[2]}` };
  const summary = /^\d+ scenarios?: .*$/m.exec(out)?.[0];
  return { file: name, mutant, killed: false, evidence: summary ?? `exit ${code}: ${out.trim().split('\n').slice(-3).join(' | ')}` };
}

/** Runs them `parallel` at a time (the machine's cores), in file order. */
export async function runMutants(files = mutantFiles(), parallel = 2): Promise<MutantRun[]> {
  const results: MutantRun[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      results[i] = await runMutant(files[i]!);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}
