/**
 * What a fault phase must show: no acknowledged write lost, every object's
 * history linearizable, every watch complete and in order, every request
 * answered by the server within its deadline (with a Status when etcd was
 * the one failing; only a restarting api-server may drop connections), the
 * server still up, and writes acknowledged again after healing.
 */
import type { PhaseResult } from './fault-run.ts';

/** How late past the request timeout a failure may come: the time to write the Status and cross loopback. */
export const DEADLINE_MARGIN_MS = 1000;

const isStatus = (answer: string) => /^\d{3}\b/.test(answer);
const CONNECTION_LOST = /^(ECONNREFUSED|ECONNRESET|EPIPE)\b/;

export function problemsOf(phase: PhaseResult, requestTimeoutMs: number): string[] {
  const problems: string[] = [];
  const { report } = phase;
  if (report.lost.length) problems.push(`${report.lost.length} acknowledged write(s) lost: ${report.lost.slice(0, 3).join('; ')}`);
  for (const v of report.linearizability.violations.slice(0, 3)) problems.push(`linearizability: ${v}`);
  for (const v of report.watches.violations.slice(0, 3)) problems.push(`watch: ${v.message}`);
  if (phase.hung) problems.push(`${phase.hung} request(s) hung: no answer before the client gave up`);
  for (const a of phase.answers) {
    if (isStatus(a.answer) && a.slowestMs > requestTimeoutMs + DEADLINE_MARGIN_MS) problems.push(`"${a.answer}" came after ${Math.round(a.slowestMs)} ms, past the ${requestTimeoutMs} ms request timeout`);
    const restarting = phase.fault === 'apiserver-restart' && CONNECTION_LOST.test(a.answer);
    if (!isStatus(a.answer) && !restarting && !a.answer.startsWith('no answer')) problems.push(`${a.count} request(s) ended without a Status: ${a.answer}`);
  }
  for (const u of phase.unexpected.slice(0, 3)) problems.push(`unexpected answer: ${u}`);
  if (phase.apiserverCrash) problems.push(phase.apiserverCrash);
  if (phase.recoveryMs === undefined) problems.push('no write was acknowledged after healing');
  if (!phase.caughtUp) problems.push('the watches did not deliver the last write');
  return problems;
}
