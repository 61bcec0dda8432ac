/**
 * What a benchmark reports: figures, each with the unit it is in, the
 * target it is held to (if any), and a baseline measured in the same run on
 * the same machine, so that the ratio means something on any machine.
 * A figure that could not be measured says why instead of holding a number.
 */
import os from 'node:os';

export interface Baseline {
  label: string;
  value: number | null;
  /** Why there is no value, when there is none. */
  note?: string;
}

export interface Figure {
  /** Dotted id, e.g. `scheduling.bound_pods_per_s`. */
  id: string;
  label: string;
  value: number | null;
  unit: string;
  /** Which way is better: the target is a floor for 'higher', a ceiling for 'lower'. */
  better: 'higher' | 'lower';
  target?: number;
  baseline?: Baseline;
  /** Why there is no value, or what to know about it. */
  note?: string;
}

export interface Section {
  id: string;
  title: string;
  figures: Figure[];
  /** Anything else worth keeping (per-phase timings, counts), written to bench.json as is. */
  details?: Record<string, unknown>;
}

export interface Benchmark {
  id: string;
  title: string;
  run(): Promise<Section>;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown cpu',
    cpus: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** The p-th percentile (0-100) of some samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function met(f: Figure): boolean | undefined {
  if (f.target === undefined || f.value === null) return undefined;
  return f.better === 'higher' ? f.value >= f.target : f.value <= f.target;
}

/** Figure over baseline, or undefined when either is missing. */
export function ratio(f: Figure): number | undefined {
  if (f.value === null || !f.baseline || f.baseline.value === null || f.baseline.value === 0) return undefined;
  return f.value / f.baseline.value;
}

export const seconds = (startedMs: number) => (performance.now() - startedMs) / 1000;

/** Peak resident set size of this process so far, in MiB. */
export const peakRssMiB = () => process.resourceUsage().maxRSS / 1024;

/**
 * KUBESPEC_BENCH_SCALE shrinks every count for a quick look (0.1: a tenth
 * of the nodes and pods); the figures then say so. 1 unless set.
 */
export const SCALE = Number(process.env.KUBESPEC_BENCH_SCALE ?? 1) || 1;
export const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));
