/**
 * The watchers of one resource, filed the way the watch cache files them
 * (cacher.go's indexed triggers): a watcher whose field selector pins an
 * indexed field, as every kubelet's `spec.nodeName=<node>` does, is filed
 * under that value, and a change is offered only to the watchers filed
 * under the value the object had before and after it, plus the watchers
 * that pin nothing. So a pod change costs the watchers it concerns (its
 * kubelet, the scheduler, the controllers), not one test per node.
 */
import type { KubeObject } from '../../spec/objects/meta.ts';
import { fieldGetter } from './selectors.ts';

/** The field each resource's watchers are indexed on (the api-server's pod storage indexes spec.nodeName). */
export const INDEXED_FIELDS: Readonly<Record<string, string>> = { pods: 'spec.nodeName' };

export class IndexedWatchers<W> {
  private readonly unindexed = new Set<W>();
  private readonly byValue = new Map<string, Set<W>>();
  private readonly valueOf: ((obj: KubeObject) => string) | undefined;

  /** `field`: the indexed field, if the resource has one. */
  constructor(readonly field: string | undefined) {
    this.valueOf = field === undefined ? undefined : fieldGetter(field);
  }

  /** Files a watcher under the value its selector pins (undefined: offered every change); returns its removal. */
  add(watcher: W, pinned: string | undefined): () => void {
    if (pinned === undefined || this.valueOf === undefined) {
      this.unindexed.add(watcher);
      return () => this.unindexed.delete(watcher);
    }
    let set = this.byValue.get(pinned);
    if (!set) this.byValue.set(pinned, (set = new Set()));
    set.add(watcher);
    return () => {
      set.delete(watcher);
      if (set.size === 0 && this.byValue.get(pinned) === set) this.byValue.delete(pinned);
    };
  }

  /** Calls `visit` once for each watcher the change from `previous` to `object` may concern. */
  forEach(object: KubeObject | undefined, previous: KubeObject | undefined, visit: (watcher: W) => void): void {
    for (const w of this.unindexed) visit(w);
    if (this.valueOf === undefined) return;
    const now = object && this.valueOf(object);
    const before = previous && this.valueOf(previous);
    if (now !== undefined) this.byValue.get(now)?.forEach((w) => visit(w));
    if (before !== undefined && before !== now) this.byValue.get(before)?.forEach((w) => visit(w));
  }

  get size(): number {
    let n = this.unindexed.size;
    for (const set of this.byValue.values()) n += set.size;
    return n;
  }

  /** Every watcher, once each (to close them all). */
  all(): W[] {
    return [...this.unindexed, ...[...this.byValue.values()].flatMap((s) => [...s])];
  }
}
