/**
 * The api-server compacts etcd's history on a timer (--etcd-compaction-interval,
 * 5 minutes; staging/src/k8s.io/apiserver/pkg/storage/etcd3/compact.go):
 * at each tick it compacts to the revision it saw at the previous tick, so
 * the store keeps about one interval of history. A watch that asks to
 * resume from before that gets 410 Expired.
 */
import type { Clock, Cancel } from '../runtime/clock.ts';
import type { Store } from '../store/port.ts';

/** `onCompacted` tells the api-server's watch caches, which must then refuse to resume from before it too. */
export function startCompactor(store: Store, clock: Clock, intervalMs: number, onCompacted: (revision: number) => void = () => {}): Cancel {
  if (intervalMs <= 0) return () => {}; // 0 turns compaction off, as in Kubernetes
  let previous = 0;
  return clock.every(intervalMs, async () => {
    const current = await store.revision();
    if (previous > 0) {
      await store.compact(previous);
      onCompacted(previous);
    }
    previous = current;
  });
}
