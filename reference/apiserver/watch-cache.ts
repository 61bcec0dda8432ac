/**
 * The api-server's watch cache for one resource, as kube-apiserver's
 * cacher (staging/src/k8s.io/apiserver/pkg/storage/cacher): one list and
 * one store watch for the whole resource, each change decoded once, the
 * latest object of every key kept (so the object before a change needs no
 * decoding), a window of recent changes so a watch that resumes from a
 * recent resourceVersion is served from memory, and each change offered
 * only to the watchers it concerns (indexed-watchers.ts).
 *
 * A watch from before the window is not served here: the api-server then
 * watches the store for it (watch.ts), which answers 410 Expired when that
 * history was compacted. The resourceVersion rules are the store's: a
 * watcher gets exactly the changes after the revision it named, in order.
 */
import type { WatchEvent, WatchHandle } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { WorkTracker } from '../runtime/work-tracker.ts';
import type { Store, StoreError, StoreEvent, StoreWatch } from '../store/port.ts';
import { IndexedWatchers } from './indexed-watchers.ts';
import { decode } from './registry/encoding.ts';
import { readOnly } from './read-only.ts';
import { pinnedValue, type FieldRequirement, type ObjectFilter } from './selectors.ts';
import { ChangeWindow } from './change-window.ts';
import { eventFor, orderedDelivery, type Change, type Delivery } from './watch.ts';

export interface CacheWatchRequest {
  /** The key prefix watched: the resource's, or one namespace's. */
  prefix: string;
  afterRevision: number;
  matches: ObjectFilter;
  /** The watcher's field selector: one that pins the indexed field files the watcher under that value. */
  fields: readonly FieldRequirement[];
  /** Synthetic ADDED events delivered first: the state a watch without a resourceVersion starts from. */
  initial: KubeObject[];
  onEvent: (event: WatchEvent) => void | Promise<void>;
  onClose: (error?: unknown) => void;
}

export interface WatchCacheDeps {
  store: Store;
  /** The resource's key prefix, `/registry/pods/`. */
  prefix: string;
  /** The field watchers are indexed on (INDEXED_FIELDS). */
  indexedField: string | undefined;
  work: WorkTracker;
  toStatus: (error: StoreError) => unknown;
  /** How many recent changes are kept for watches that resume. */
  capacity: number;
}

interface CacheWatcher {
  prefix: string;
  after: number;
  matches: ObjectFilter;
  delivery: Delivery;
  onClose: (error?: unknown) => void;
  remove: () => void;
}

/** What the cache did, for tests that check the work per change without timing anything. */
export interface WatchCacheStats {
  /** Store changes received. */
  changes: number;
  /** Watchers offered a change, summed over changes. */
  visits: number;
}

export class WatchCache {
  private readonly objects = new Map<string, KubeObject>();
  private readonly window: ChangeWindow;
  private readonly watchers: IndexedWatchers<CacheWatcher>;
  private storeWatch: StoreWatch | undefined;
  private running = false;
  readonly stats: WatchCacheStats = { changes: 0, visits: 0 };

  constructor(private readonly deps: WatchCacheDeps) {
    this.window = new ChangeWindow(deps.capacity);
    this.watchers = new IndexedWatchers(deps.indexedField);
  }

  private starting: Promise<void> | undefined;

  /** Starts the cache if it is not running (at first, or after the store ended its watch); once at a time. */
  ensureStarted(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.starting ??= this.start().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** Lists the resource, then watches the store from the revision of that list, so no change is missed. */
  private async start(): Promise<void> {
    this.objects.clear();
    let revision = 0;
    let fromKey: string | undefined;
    for (;;) {
      const page = await this.deps.store.range(this.deps.prefix, { limit: 1000, ...(fromKey ? { fromKey } : {}) });
      revision ||= page.revision;
      for (const kv of page.kvs) this.objects.set(kv.key, readOnly(decode(kv)));
      const last = page.kvs.at(-1);
      if (!page.more || !last) break;
      fromKey = last.key + '\0';
    }
    this.window.reset(revision);
    this.running = true;
    this.storeWatch = await this.deps.store.watch(
      this.deps.prefix,
      revision,
      (event) => this.receive(event),
      (error) => this.fail(error),
    );
  }

  stop(): void {
    this.running = false;
    this.storeWatch?.cancel();
    this.storeWatch = undefined;
    for (const w of this.watchers.all()) this.close(w);
  }

  /** The store compacted its history up to `revision`: resuming from before it is refused, as the store would. */
  compacted(revision: number): void {
    this.window.forgetBefore(revision);
  }

  /** Serves a watch from the cache; undefined when it starts before the window (the caller watches the store instead). */
  watch(req: CacheWatchRequest): WatchHandle | undefined {
    if (!this.running || !this.window.covers(req.afterRevision)) return undefined;
    const delivery = orderedDelivery(this.deps.work, req.onEvent);
    for (const object of req.initial) delivery.deliver({ type: 'ADDED', object: readOnly(object) });
    const watcher: CacheWatcher = { prefix: req.prefix, after: req.afterRevision, matches: req.matches, delivery, onClose: req.onClose, remove: () => {} };
    // Replay and registration happen in one turn, so no change falls between them.
    for (const change of this.window.after(req.afterRevision)) this.offer(watcher, change);
    const field = this.watchers.field;
    watcher.remove = this.watchers.add(watcher, field === undefined ? undefined : pinnedValue(req.fields, field));
    return {
      stop: () => {
        if (delivery.stopped) return;
        this.close(watcher);
      },
    };
  }

  private receive(event: StoreEvent): void {
    const key = event.kv.key;
    const previous = this.objects.get(key);
    let object: KubeObject | undefined;
    if (event.type === 'put') this.objects.set(key, (object = readOnly(decode(event.kv))));
    else this.objects.delete(key);
    const change: Change = { revision: event.kv.modRevision, key, object, previous };
    this.window.push(change);
    this.stats.changes++;
    this.watchers.forEach(object, previous, (w) => this.offer(w, change));
  }

  private offer(watcher: CacheWatcher, change: Change): void {
    this.stats.visits++;
    if (change.revision <= watcher.after || !change.key.startsWith(watcher.prefix)) return;
    const event = eventFor(change, watcher.matches);
    if (event) watcher.delivery.deliver(event);
  }

  private close(watcher: CacheWatcher, error?: unknown): void {
    watcher.delivery.stop();
    watcher.remove();
    watcher.onClose(error);
  }

  /** The store ended the cache's watch: every watcher is ended with the reason, and the cache starts over when next asked. */
  private fail(error: StoreError): void {
    this.running = false;
    this.storeWatch = undefined;
    const status = this.deps.toStatus(error);
    for (const w of this.watchers.all()) this.close(w, status);
  }
}
