/** The figures of a fault run, one line per fault, then what each fault made the server answer. */
import type { PhaseResult } from './fault-run.ts';

const ms = (n: number | undefined) => (n === undefined ? 'never' : n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(1)} s`);

export function faultTable(phases: PhaseResult[]): string {
  const head = ['fault', 'attempted', 'acknowledged', 'indeterminate', 'unsent', 'lost', 'linearizability', 'watch', 'recovery', 'longest w/o write'];
  const rows = phases.map((p) => [
    p.fault,
    String(p.requests.attempted),
    String(p.requests.acknowledged),
    String(p.requests.indeterminate),
    String(p.requests.unsent),
    String(p.report.lost.length),
    String(p.report.linearizability.violations.length),
    String(p.report.watches.violations.length),
    ms(p.recoveryMs),
    ms(p.longestWithoutWriteMs),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

export function faultDetails(p: PhaseResult): string {
  const checked = `${p.report.writesChecked} acknowledged writes checked against etcd's log; ${p.report.linearizability.operations} operations on ${p.report.linearizability.objects} objects checked for linearizability; ${p.report.watches.count} watches (${p.expiredWatches} ended 410 Expired), ${p.report.watches.events} events`;
  const answers = p.answers.map((a) => `    ${String(a.count).padStart(4)} x ${a.answer} (slowest ${ms(a.slowestMs)})`);
  return [`${p.fault}: ${p.what}, held ${ms(p.heldMs)}`, `  ${checked}`, ...(answers.length ? ['  failed requests:', ...answers] : ['  no request failed'])].join('\n');
}
