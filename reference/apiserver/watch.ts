/**
 * Watch: store events under a prefix, turned into ADDED / MODIFIED /
 * DELETED for the objects a selector picks. An object that stops matching
 * (a pod bound away from the empty nodeName) is DELETED for that watcher,
 * one that starts matching is ADDED, as the api-server's watch cache does.
 */
import type { WatchEvent, WatchHandle } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { KeyValue, StoreError, StoreEvent } from '../store/port.ts';
import type { Store } from '../store/port.ts';
import type { WorkTracker } from '../runtime/work-tracker.ts';
import { decode } from './registry/encoding.ts';
import type { ObjectFilter } from './selectors.ts';

export interface WatchRequest {
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

/**
 * One decoded copy per stored value, shared by every watcher for matching
 * only: with a thousand kubelets each watching its own node's pods, a pod
 * change is parsed once, not a thousand times. What a watcher receives is
 * its own copy.
 */
const decodedForMatching = new WeakMap<KeyValue, KubeObject>();
function shared(kv: KeyValue): KubeObject {
  let obj = decodedForMatching.get(kv);
  if (!obj) decodedForMatching.set(kv, (obj = decode(kv)));
  return obj;
}

export function translate(event: StoreEvent, matches: ObjectFilter): WatchEvent | undefined {
  const prev = event.prevKv ? shared(event.prevKv) : undefined;
  const wasIn = prev !== undefined && matches(prev);
  if (event.type === 'delete') {
    if (!wasIn) return undefined;
    const gone = structuredClone(prev);
    gone.metadata.resourceVersion = String(event.kv.modRevision);
    return { type: 'DELETED', object: gone };
  }
  const obj = shared(event.kv);
  const isIn = matches(obj);
  if (isIn) return { type: wasIn ? 'MODIFIED' : 'ADDED', object: structuredClone(obj) };
  return wasIn ? { type: 'DELETED', object: structuredClone(obj) } : undefined;
}

export async function startWatch(req: WatchRequest): Promise<WatchHandle> {
  let stopped = false;
  // One chain per watcher keeps delivery in revision order; each delivery is counted as work in flight.
  let chain: Promise<void> = Promise.resolve();
  const deliver = (event: WatchEvent) => {
    chain = chain
      .then(async () => {
        if (!stopped) await req.onEvent(event);
      })
      .catch((e: unknown) => {
        req.work.errors.push(e);
      });
    const delivered = chain;
    req.work.spawn(() => delivered);
  };
  for (const obj of req.initial) deliver({ type: 'ADDED', object: obj });
  const storeWatch = await req.store.watch(
    req.prefix,
    req.afterRevision,
    (event) => {
      const translated = translate(event, req.matches);
      if (translated) deliver(translated);
    },
    (error) => {
      stopped = true;
      req.onClose(req.toStatus(error));
    },
  );
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      storeWatch.cancel();
      req.onClose();
    },
  };
}
