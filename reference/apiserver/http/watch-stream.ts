/**
 * A watch over HTTP: one chunked response, one JSON line per event
 * (`{"type":"ADDED","object":{...}}`), as `kubectl get -w` and client-go's
 * reflector read it. The stream ends when the client goes away, when
 * `timeoutSeconds` runs out, or with an ERROR event carrying a Status (410
 * Expired when the requested version was compacted away).
 */
import type { ServerResponse } from 'node:http';
import type { WatchEvent, WatchHandle } from '../../../spec/adapter.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { isStatusError } from '../../../spec/objects/status.ts';
import { apiVersionOf, type ResourceInfo } from '../registry/resources.ts';

export interface WatchStreamOptions {
  resource: ResourceInfo;
  /** Ends the stream after this long, as the api-server does (its default is 30 to 60 minutes). */
  timeoutMs: number;
  /** With allowWatchBookmarks, how often to tell the client the version it has seen up to. */
  bookmarkIntervalMs?: number;
  /** The version the client asked to start after, the first one a bookmark can name. */
  startVersion?: string;
  /** Turns each event's object into what the client asked for (a Table for kubectl). */
  render: (obj: KubeObject) => unknown;
}

/**
 * An object the watch cache shares between watchers is frozen and never
 * changes, so it is serialized once for all of them, as kube-apiserver's
 * cachingObject does; anything else (a Table built for one kubectl) each time.
 */
const serializedOnce = new WeakMap<object, string>();
function serialized(object: unknown): string {
  if (object === null || typeof object !== 'object' || !Object.isFrozen(object)) return JSON.stringify(object);
  let json = serializedOnce.get(object);
  if (json === undefined) serializedOnce.set(object, (json = JSON.stringify(object)));
  return json;
}

type Start = (onEvent: (e: WatchEvent) => void, onClose: (error?: unknown) => void) => Promise<WatchHandle>;

/** Streams events until one side stops; resolves once the response has ended. */
export async function streamWatch(res: ServerResponse, start: Start, opts: WatchStreamOptions): Promise<void> {
  let ended = false;
  let lastVersion = opts.startVersion && opts.startVersion !== '0' ? opts.startVersion : undefined;
  const timers: NodeJS.Timeout[] = [];
  let handle: WatchHandle | undefined;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));

  // Headers go out with the first line, so a refusal before the watch starts is still a plain 401/403.
  const head = () => {
    if (!res.headersSent) res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  };
  const writeLine = (type: string, object: unknown) => {
    if (ended) return;
    head();
    res.write(`{"type":${JSON.stringify(type)},"object":${serialized(object)}}\n`);
  };
  const end = (error?: unknown) => {
    if (ended) return;
    if (error !== undefined) writeLine('ERROR', isStatusError(error) ? error.status : { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500, reason: 'InternalError', message: String(error) });
    head();
    ended = true;
    timers.forEach(clearTimeout);
    handle?.stop();
    res.end();
    finished();
  };

  res.on('close', () => end());
  try {
    handle = await start(
      (event) => {
        lastVersion = event.object.metadata.resourceVersion ?? lastVersion;
        writeLine(event.type, event.type === 'BOOKMARK' ? event.object : opts.render(event.object));
      },
      (error) => end(error),
    );
  } catch (e) {
    // A version compacted away is reported in the stream, as Kubernetes does; any other refusal is the caller's to answer.
    if (isStatusError(e) && e.status.code === 410) {
      end(e);
      return done;
    }
    ended = true;
    timers.forEach(clearTimeout);
    throw e;
  }
  if (ended) handle.stop();
  else {
    head();
    res.flushHeaders();
  }
  timers.push(setTimeout(() => end(), opts.timeoutMs));
  if (opts.bookmarkIntervalMs) {
    const bookmark = () => {
      if (lastVersion) writeLine('BOOKMARK', { kind: opts.resource.kind, apiVersion: apiVersionOf(opts.resource), metadata: { resourceVersion: lastVersion } });
      if (!ended) timers.push(setTimeout(bookmark, opts.bookmarkIntervalMs));
    };
    timers.push(setTimeout(bookmark, opts.bookmarkIntervalMs));
  }
  return done;
}
