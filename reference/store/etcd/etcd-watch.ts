/**
 * A watch on etcd that resumes from the last revision it delivered.
 *
 * The etcd3 client reconnects a broken watch stream by itself, but from the
 * revision in the last header it saw; the header of the "created" answer
 * carries etcd's current revision, not the one the watch started at, so a
 * stream that breaks while a watch is still catching up with history
 * resumes after the events it had not yet delivered: a gap. Here every
 * reconnection is ours: on a break the old watcher is dropped and a new one
 * starts right after the last revision delivered, and an event at or below
 * it (a replay) is skipped. Each revision changes one key here (the
 * api-server writes one key per transaction), so the revision alone names
 * an event.
 */
import type { IKeyValue, Namespace, Watcher } from 'etcd3';

export interface WatchHandlers {
  /** One event, in revision order, never twice. */
  onEvent(type: 'put' | 'delete', kv: IKeyValue, prev: IKeyValue | undefined): void;
  /** The watch cannot go on (its history was compacted); it is over. */
  onFailure(error: Error): void;
}

export interface ResumableWatch {
  cancel(): void;
}

export interface WatchTiming {
  /** How long creating the watch may take before it counts as failed (a paused member never answers). */
  createTimeoutMs: number;
  /** First pause before a reconnection; doubles up to a second. */
  reconnectDelayMs?: number;
}

/**
 * etcd cancels a watch whose start revision was compacted with the compact
 * revision and no reason (v3rpc's sendLoop sets CancelReason only for other
 * errors); etcd3 passes on only the reason: "Watcher canceled: ".
 */
export const isCompaction = (e: unknown) => e instanceof Error && (/compacted/i.test(e.message) || /^Watcher canceled: *$/.test(e.message));

/**
 * Creates a watcher we hold from the start: etcd3 attaches a watcher to its
 * stream manager as soon as it exists, and one that never connects (its
 * member down, the client closed) would stay attached, retrying forever,
 * unless cancelled.
 */
function create(ns: Namespace, prefix: string, fromRevision: number, timeoutMs: number): { watcher: Watcher; ready: Promise<Watcher> } {
  const watcher = ns.watch().prefix(prefix).startRevision(String(fromRevision)).withPreviousKV().watcher();
  const ready = new Promise<Watcher>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`DEADLINE_EXCEEDED: watch not created within ${timeoutMs} ms`)), timeoutMs);
    watcher.once('connected', () => {
      clearTimeout(timer);
      resolve(watcher);
    });
    watcher.once('error', (e: Error) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  ready.catch(() => void watcher.cancel().catch(() => {}));
  return { watcher, ready };
}

/** Starts watching after `afterRevision`; rejects only when the first creation fails. */
export async function resumableWatch(ns: Namespace, prefix: string, afterRevision: number, handlers: WatchHandlers, timing: WatchTiming): Promise<ResumableWatch> {
  let delivered = afterRevision;
  let cancelled = false;
  let current: Watcher | undefined;
  /** A watcher being created, not yet connected. */
  let pending: Watcher | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delay = timing.reconnectDelayMs ?? 100;

  const attach = (watcher: Watcher) => {
    current = watcher;
    const deliver = (type: 'put' | 'delete') => (kv: IKeyValue, prev?: IKeyValue) => {
      const revision = Number(kv.mod_revision);
      if (cancelled || current !== watcher || revision <= delivered) return;
      delivered = revision;
      delay = timing.reconnectDelayMs ?? 100;
      handlers.onEvent(type, kv, prev);
    };
    watcher.on('put', deliver('put'));
    watcher.on('delete', deliver('delete'));
    watcher.on('disconnected', () => {
      if (current !== watcher) return;
      void watcher.cancel().catch(() => {});
      current = undefined;
      reconnect();
    });
    watcher.on('error', (e: Error) => {
      if (current !== watcher) return;
      current = undefined;
      if (!cancelled) handlers.onFailure(e);
    });
  };

  const reconnect = () => {
    if (cancelled) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (cancelled) return;
      const attempt = create(ns, prefix, delivered + 1, timing.createTimeoutMs);
      pending = attempt.watcher;
      attempt.ready.then(
        (watcher) => {
          pending = undefined;
          if (cancelled) void watcher.cancel().catch(() => {});
          else attach(watcher);
        },
        (e: Error) => {
          pending = undefined;
          if (isCompaction(e)) !cancelled && handlers.onFailure(e);
          else reconnect();
        },
      );
    }, delay);
    retry.unref(); // a reconnection never keeps a process alive by itself
    delay = Math.min(delay * 2, 1000);
  };

  attach(await create(ns, prefix, afterRevision + 1, timing.createTimeoutMs).ready);
  return {
    cancel() {
      cancelled = true;
      if (retry) clearTimeout(retry);
      for (const w of [current, pending]) void w?.cancel().catch(() => {});
      current = pending = undefined;
    },
  };
}
