/**
 * What the store's log says about writes that got no answer, as etcd's
 * robustness tests patch their histories: a write's value is unique, so a
 * value the log never holds was never applied (the operation is dropped),
 * and a value it holds was applied at that revision, no later than the
 * first time anyone saw it (the operation gets that answer and that
 * completion time). Without the log, unanswered writes stay open-ended.
 * Failed reads change nothing and are dropped; so are requests that never
 * reached the server.
 */
import type { History, Operation } from './operations.ts';

export function resolveUnanswered(history: History): Operation[] {
  const store = history.store;
  const revisionOf = new Map<string, number>();
  for (const c of store?.changes ?? []) if (c.type === 'put') revisionOf.set(`${c.key}\n${c.value}`, c.revision);
  const firstSeen = new Map<string, number>();
  const saw = (key: string, value: string, at: number) => {
    const k = `${key}\n${value}`;
    if (!(at >= (firstSeen.get(k) ?? Infinity))) firstSeen.set(k, at);
  };
  for (const w of history.watches) for (const e of w.events) if (e.type !== 'DELETED') saw(e.key, e.value, e.receivedAt);
  for (const op of history.operations) if (op.outcome.status === 'ok' && op.outcome.object) saw(op.key, op.outcome.object.value, op.completedAt);

  const out: Operation[] = [];
  for (const op of history.operations) {
    const o = op.outcome;
    if (o.status === 'unsent' || (op.kind === 'get' && o.status === 'indeterminate')) continue;
    if (o.status !== 'indeterminate' || op.value === undefined || !store) {
      out.push(op);
      continue;
    }
    const rv = revisionOf.get(`${op.key}\n${op.value}`);
    if (rv === undefined) continue; // never applied
    const seen = firstSeen.get(`${op.key}\n${op.value}`) ?? Infinity;
    out.push({ ...op, completedAt: Math.max(op.invokedAt, seen), outcome: { status: 'ok', object: { value: op.value, rv } } });
  }
  return out;
}
