/**
 * Watch guarantees (etcd's API guarantees for watch, as the api-server
 * passes them on), checked against the store's log:
 *
 * - ordered and unique: resourceVersions strictly increase along a watch;
 * - reliable and resumable: a watch started after revision R delivers
 *   exactly the store's changes to its keys after R, in order, none
 *   missing, none added, none changed (type, value, revision), up to where
 *   it stopped;
 * - caught up: a watch the run waited for has delivered every change up to
 *   the revision it waited for (it did not silently stall);
 * - expired: a watch that asks for compacted history gets 410 Expired and
 *   no events, and 410 comes only for compacted history.
 *
 * kube-apiserver promises less on the last point: it serves watches from
 * its watch cache, which holds a window of recent events, and answers 410
 * "too old resource version: R (F)" for a watch from R below the window's
 * floor F (getAllEventsSinceLocked in
 * staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go). The
 * window starts again at the api-server's own list when it starts (F is
 * that list's revision) and loses its oldest events past its capacity, so
 * F can be far above any compaction. With `expiry: 'watch-cache'` such a
 * 410 is accepted when it names the watch's own R and a floor above it;
 * any other 410 for history still in the store is still a violation.
 */
import type { ObservedEvent, StoreChange, StoreHistory, WatchEventType, WatchRecord } from './operations.ts';

export interface WatchViolation {
  watch: number;
  kind: 'unordered' | 'missed' | 'unexpected' | 'different' | 'stalled' | 'expired-wrongly' | 'not-expired';
  message: string;
}

interface Expected {
  type: WatchEventType;
  key: string;
  value: string;
  rv: number;
}

/** The store's changes as the events a watch must deliver: a put on an absent key is ADDED, on a present one MODIFIED. */
function expectedEvents(history: StoreHistory): Expected[] {
  const last = new Map<string, StoreChange>();
  return history.changes.map((c) => {
    const before = last.get(c.key);
    last.set(c.key, c);
    if (c.type === 'delete') return { type: 'DELETED', key: c.key, value: before?.value ?? '', rv: c.revision };
    return { type: before?.type === 'put' ? 'MODIFIED' : 'ADDED', key: c.key, value: c.value ?? '', rv: c.revision };
  });
}

const show = (e: Pick<Expected, 'type' | 'key' | 'value' | 'rv'>) => `${e.type} ${e.key} "${e.value}" rv ${e.rv}`;

/** Which 410s are legitimate: only for compacted history (etcd, kubespec serve), or also below kube-apiserver's watch-cache window. */
export type Expiry = 'compaction' | 'watch-cache';

const TOO_OLD = /too old resource version: (\d+) \((\d+)\)/;

/** A 410 kube-apiserver's watch cache gives for `from`: it names `from` and a window floor above it. */
function belowWatchCacheWindow(from: number, message: string | undefined): boolean {
  const m = TOO_OLD.exec(message ?? '');
  return m !== null && Number(m[1]) === from && Number(m[2]) > from;
}

export function validateWatches(watches: WatchRecord[], history: StoreHistory, expiry: Expiry = 'compaction'): WatchViolation[] {
  const all = expectedEvents(history);
  const compactRevision = history.compactRevision ?? 0;
  const violations: WatchViolation[] = [];
  for (const w of watches) {
    const found = (kind: WatchViolation['kind'], message: string) => violations.push({ watch: w.id, kind, message: `watch #${w.id} (client ${w.client}, after rv ${w.fromRevision}): ${message}` });
    for (let i = 1; i < w.events.length; i++) {
      if (w.events[i]!.rv <= w.events[i - 1]!.rv) found('unordered', `rv ${w.events[i]!.rv} came after rv ${w.events[i - 1]!.rv}`);
    }
    const compacted = w.fromRevision + 1 < compactRevision && w.startedAt >= (history.compactedAt ?? 0);
    if (compacted) {
      if (w.end?.kind !== 'expired' || w.events.length) found('not-expired', `asked for history compacted at ${compactRevision} and was not answered 410 Expired`);
      continue;
    }
    if (w.end?.kind === 'expired' && !(expiry === 'watch-cache' && belowWatchCacheWindow(w.fromRevision, w.end.message))) found('expired-wrongly', `410 Expired, though history after ${w.fromRevision} was still there (compacted at ${compactRevision || 'no revision'})`);
    if (w.fromRevision < history.fromRevision) continue; // the log does not reach back that far
    const expected = all.filter((e) => e.key.startsWith(w.prefix) && e.rv > w.fromRevision);
    compare(w.events, expected, found);
    const owed = w.mustReach === undefined ? 0 : expected.filter((e) => e.rv <= w.mustReach!).length;
    if (w.events.length < owed) found('stalled', `delivered ${w.events.length} of the ${owed} changes up to rv ${w.mustReach}; next missing: ${show(expected[w.events.length]!)}`);
  }
  return violations;
}

/** Walks the delivered events against the expected prefix; reports the first divergence only (the rest follows from it). */
function compare(events: ObservedEvent[], expected: Expected[], found: (kind: WatchViolation['kind'], message: string) => void): void {
  for (let i = 0; i < events.length; i++) {
    const got = events[i]!;
    const want = expected[i];
    if (!want) return void found('unexpected', `delivered ${show(got)}, which the store never did after the watch's start`);
    if (got.rv > want.rv) return void found('missed', `skipped ${show(want)} (delivered rv ${got.rv} next)`);
    if (got.rv < want.rv) return void found('unexpected', `delivered ${show(got)}, expected ${show(want)} (a duplicate or a change the store never made)`);
    if (got.type !== want.type || got.key !== want.key || got.value !== want.value) return void found('different', `delivered ${show(got)}, the store's change was ${show(want)}`);
  }
}

/**
 * The store's log as the watches saw it, when it cannot be read directly:
 * each revision's change as every watch that saw it agrees on. Complete
 * from `fromRevision` only if one watch covered the whole run.
 */
export function historyFromWatches(watches: WatchRecord[], fromRevision: number): { history: StoreHistory; disagreements: string[] } {
  const byRevision = new Map<number, StoreChange>();
  const disagreements: string[] = [];
  for (const w of watches) {
    for (const e of w.events) {
      const change: StoreChange = e.type === 'DELETED' ? { revision: e.rv, key: e.key, type: 'delete' } : { revision: e.rv, key: e.key, type: 'put', value: e.value };
      const seen = byRevision.get(e.rv);
      if (!seen) byRevision.set(e.rv, change);
      else if (seen.key !== change.key || seen.type !== change.type || seen.value !== change.value) {
        disagreements.push(`rv ${e.rv}: one watch saw ${seen.type} ${seen.key} "${seen.value ?? ''}", watch #${w.id} saw ${change.type} ${change.key} "${change.value ?? ''}"`);
      }
    }
  }
  const changes = [...byRevision.values()].filter((c) => c.revision > fromRevision).sort((a, b) => a.revision - b.revision);
  return { history: { changes, fromRevision }, disagreements };
}
