/**
 * The api-server's watch caches, one per resource, started with the
 * api-server. Events are left out: they are the most written and the least
 * watched kind, so a watch on them reads the store directly (watch.ts).
 */
import type { WorkTracker } from '../runtime/work-tracker.ts';
import type { Store } from '../store/port.ts';
import { INDEXED_FIELDS } from './indexed-watchers.ts';
import { storeFailure } from './registry/registry.ts';
import { RESOURCES, STORED_RESOURCES, storageKey } from './registry/resources.ts';
import { WatchCache, type WatchCacheStats } from './watch-cache.ts';

/** Changes kept per resource for watches that resume (kube-apiserver's window grows up to 100 x 1024). */
export const WATCH_CACHE_CAPACITY = 10_000;

const UNCACHED = new Set(['events']);

export class WatchCaches {
  private readonly caches = new Map<string, WatchCache>();
  private stopped = false;

  constructor(deps: { store: Store; work: WorkTracker; capacity?: number }) {
    // Only kinds kept in the store: an access review is answered, never stored, so it has nothing to cache.
    for (const resource of STORED_RESOURCES) {
      const info = RESOURCES.get(resource)!;
      if (UNCACHED.has(info.resource)) continue;
      this.caches.set(
        info.resource,
        new WatchCache({
          store: deps.store,
          prefix: storageKey(info, undefined),
          indexedField: INDEXED_FIELDS[info.resource],
          work: deps.work,
          toStatus: (e) => storeFailure(info, '', e),
          capacity: deps.capacity ?? WATCH_CACHE_CAPACITY,
        }),
      );
    }
  }

  async start(): Promise<void> {
    for (const cache of this.caches.values()) await cache.ensureStarted();
  }

  /** The resource's cache, running; undefined when it has none or cannot start now (the store is down). */
  async for(resource: string): Promise<WatchCache | undefined> {
    const cache = this.caches.get(resource);
    if (!cache || this.stopped) return undefined;
    try {
      await cache.ensureStarted();
      return cache;
    } catch {
      return undefined;
    }
  }

  /** The store's history before `revision` is gone: no cache serves a watch from there. */
  compacted(revision: number): void {
    for (const cache of this.caches.values()) cache.compacted(revision);
  }

  stop(): void {
    this.stopped = true;
    for (const cache of this.caches.values()) cache.stop();
  }

  stats(resource: string): WatchCacheStats | undefined {
    return this.caches.get(resource)?.stats;
  }
}
