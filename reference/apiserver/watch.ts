/**
 * Watch: changes to stored objects, turned into ADDED / MODIFIED / DELETED
 * for the objects a selector picks. An object that stops matching (a pod
 * bound away from the empty nodeName) is DELETED for that watcher, one that
 * starts matching is ADDED, as the api-server's watch cache does.
 *
 * Most watches are served by the watch cache (watch-cache.ts); a watch that
 * resumes from before the cache's window reads the store itself, here
 * (`startStoreWatch`), and so meets the store's own 410 when that history
 * was compacted.
 */
import type { WatchEvent, WatchHandle } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { KeyValue, StoreError, StoreEvent } from '../store/port.ts';
import type { Store } from '../store/port.ts';
import type { WorkTracker } from '../runtime/work-tracker.ts';
import { decode } from './registry/encoding.ts';
import { readOnly } from './read-only.ts';
import type { ObjectFilter } from './selectors.ts';

/** One stored change, decoded: the object before and after it (undefined before a create, after a delete). */
export interface Change {
  revision: number;
  key: string;
  object: KubeObject | undefined;
  previous: KubeObject | undefined;
  /** The deleted object stamped with the revision of its deletion, made once for every watcher. */
  tombstone?: KubeObject;
}

/**
 * What one watcher receives for a change, or undefined when the change is
 * not about an object it selects. The object is shared by every watcher
 * that receives the change, and frozen (read-only.ts).
 */
export function eventFor(change: Change, matches: ObjectFilter): WatchEvent | undefined {
  const wasIn = change.previous !== undefined && matches(change.previous);
  if (change.object === undefined) {
    if (!wasIn) return undefined;
    change.tombstone ??= readOnly({ ...change.previous!, metadata: { ...change.previous!.metadata, resourceVersion: String(change.revision) } });
    return { type: 'DELETED', object: change.tombstone };
  }
  if (matches(change.object)) return { type: wasIn ? 'MODIFIED' : 'ADDED', object: change.object };
  return wasIn ? { type: 'DELETED', object: change.object } : undefined;
}

export interface Delivery {
  deliver(event: WatchEvent): void;
  stop(): void;
  readonly stopped: boolean;
}

/**
 * One queue per watcher keeps delivery in revision order: events wait in
 * the queue while the watcher handles the one before, and the queue is
 * counted as work in flight until it is empty.
 */
export function orderedDelivery(work: WorkTracker, onEvent: (event: WatchEvent) => void | Promise<void>): Delivery {
  let stopped = false;
  let queue: WatchEvent[] = [];
  let head = 0;
  let draining = false;
  const drain = async () => {
    try {
      while (head < queue.length && !stopped) {
        const event = queue[head++]!;
        try {
          await onEvent(event);
        } catch (e) {
          work.errors.push(e);
        }
      }
    } finally {
      queue = [];
      head = 0;
      draining = false;
    }
  };
  return {
    deliver(event) {
      if (stopped) return;
      queue.push(event);
      if (!draining) {
        draining = true;
        work.spawn(drain);
      }
    },
    stop() {
      stopped = true;
    },
    get stopped() {
      return stopped;
    },
  };
}

export interface StoreWatchRequest {
  store: Store;
  prefix: string;
  afterRevision: number;
  matches: ObjectFilter;
  /** Synthetic ADDED events delivered first: the state a watch without a resourceVersion starts from. */
  initial: KubeObject[];
  work: WorkTracker;
  onEvent: (event: WatchEvent) => void | Promise<void>;
  onClose: (error?: unknown) => void;
  toStatus: (error: StoreError) => unknown;
}

/** Decoded once per stored value, however many direct watchers look at it. */
const decoded = new WeakMap<KeyValue, KubeObject>();
function decodedOnce(kv: KeyValue): KubeObject {
  let obj = decoded.get(kv);
  if (!obj) decoded.set(kv, (obj = readOnly(decode(kv))));
  return obj;
}

export function changeOf(event: StoreEvent): Change {
  return {
    revision: event.kv.modRevision,
    key: event.kv.key,
    object: event.type === 'put' ? decodedOnce(event.kv) : undefined,
    previous: event.prevKv ? decodedOnce(event.prevKv) : undefined,
  };
}

/** A watch on the store itself, for one watcher: what a watch the cache cannot serve falls back to. */
export async function startStoreWatch(req: StoreWatchRequest): Promise<WatchHandle> {
  const delivery = orderedDelivery(req.work, req.onEvent);
  for (const obj of req.initial) delivery.deliver({ type: 'ADDED', object: readOnly(obj) });
  const storeWatch = await req.store.watch(
    req.prefix,
    req.afterRevision,
    (event) => {
      const translated = eventFor(changeOf(event), req.matches);
      if (translated) delivery.deliver(translated);
    },
    (error) => {
      delivery.stop();
      req.onClose(req.toStatus(error));
    },
  );
  return {
    stop() {
      if (delivery.stopped) return;
      delivery.stop();
      storeWatch.cancel();
      req.onClose();
    },
  };
}
