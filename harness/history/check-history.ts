/**
 * The whole verdict on a recorded history: how many operations were
 * attempted and how they ended, acknowledged writes lost, each object's
 * history checked for linearizability, every watch validated. The store's
 * log comes from the store when the recorder could read it (etcd), else
 * from what the watches agree on.
 */
import { checkEachObject } from './linearizability.ts';
import { findLostWrites } from './lost-writes.ts';
import { describeOperation, describeState, OBJECT_MODEL } from './object-model.ts';
import type { History, StoreHistory } from './operations.ts';
import { resolveUnanswered } from './unanswered-writes.ts';
import { historyFromWatches, validateWatches, type Expiry, type WatchViolation } from './watch-validator.ts';

export interface HistoryReport {
  attempted: number;
  /** Answered definitely: a success, or a refusal (404, 409) that changed nothing. */
  acknowledged: number;
  /** No definite answer: 5xx, timeout, connection cut. */
  indeterminate: number;
  /** Never reached the server (connection refused). */
  unsent: number;
  /** Acknowledged writes checked against the store's log, and those it does not hold. */
  writesChecked: number;
  lost: string[];
  /** Objects whose history has no linearization (or whose search gave up), with why. */
  linearizability: { objects: number; operations: number; violations: string[] };
  watches: { count: number; events: number; violations: WatchViolation[] };
  /** Where the store's log came from. */
  storeLog: 'store' | 'watches';
}

export interface CheckOptions {
  /** Steps the linearizability search may take per object. */
  budget?: number;
  /** Without a store log: the revision after which the watches saw everything (default: the earliest watch's start). */
  watchedFrom?: number;
  /** History before this revision was compacted at `compactedAt` (a watch asking for it after must get 410). */
  compaction?: { revision: number; at: number };
  /** Which 410 Expired answers are legitimate (watch-validator.ts). @default 'compaction' */
  expiry?: Expiry;
}

export function checkHistory(history: History, options: CheckOptions = {}): HistoryReport {
  const ops = history.operations;
  const count = (s: string) => ops.filter((o) => o.outcome.status === s).length;
  let store: StoreHistory;
  const watchViolations: WatchViolation[] = [];
  if (history.store) store = history.store;
  else {
    const earliest = Math.min(...history.watches.map((w) => w.fromRevision));
    const merged = historyFromWatches(history.watches, options.watchedFrom ?? (Number.isFinite(earliest) ? earliest : 0));
    store = merged.history;
    for (const d of merged.disagreements) watchViolations.push({ watch: -1, kind: 'different', message: `watches disagree: ${d}` });
  }
  if (options.compaction) store = { ...store, compactRevision: options.compaction.revision, compactedAt: options.compaction.at };
  watchViolations.push(...validateWatches(history.watches, store, options.expiry));
  const lost = findLostWrites(ops, store);
  const resolved = resolveUnanswered({ ...history, store });
  const verdicts = checkEachObject(OBJECT_MODEL, resolved, options.budget);
  const violations: string[] = [];
  for (const [key, { ops: sub, verdict }] of verdicts) {
    if (verdict.linearizable) continue;
    const prefix = verdict.longestPrefix.map((i) => sub[i]!);
    const state = prefix.reduce((s, op) => OBJECT_MODEL.step(s, op)[0] ?? s, OBJECT_MODEL.init);
    const blocked = verdict.blockedBy !== undefined ? describeOperation(sub[verdict.blockedBy]!) : 'none';
    violations.push(
      verdict.kind === 'undecided'
        ? `${key}: undecided after the search budget (${sub.length} operations)`
        : `${key}: not linearizable; after ${prefix.length} of ${sub.length} operations (object ${describeState(state)}) no order can place ${blocked}; last placed: ${prefix.slice(-3).map(describeOperation).join('; ') || 'none'}`,
    );
  }
  return {
    attempted: ops.length,
    acknowledged: count('ok') + count('refused'),
    indeterminate: count('indeterminate'),
    unsent: count('unsent'),
    writesChecked: lost.checked,
    lost: lost.lost.map((l) => l.message),
    linearizability: { objects: verdicts.size, operations: resolved.length, violations },
    watches: { count: history.watches.length, events: history.watches.reduce((n, w) => n + w.events.length, 0), violations: watchViolations },
    storeLog: history.store ? 'store' : 'watches',
  };
}
