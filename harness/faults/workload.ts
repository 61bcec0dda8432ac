/**
 * The concurrent workload of the fault tests: a few clients hammer a few
 * ConfigMaps with creates, reads, lists, updates with and without a
 * resourceVersion, and deletes; a few watchers watch the namespace, resume
 * after every break from the last resourceVersion they received (and list
 * again after 410 Expired), and now and then open a short watch from an
 * older resourceVersion they were given, to check that any of them can be
 * resumed. Everything goes through the Recorder.
 *
 * Stopping is orderly: the clients stop, one last write is made and read
 * back (retried until the server answers), and the watchers are given time
 * to deliver it, so a watch that silently stalled shows as one.
 */
import type { ObjectApi, WatchEnd } from './object-api.ts';
import type { Recorder } from './recorder.ts';
import type { WatchRecord } from '../history/operations.ts';

export interface WorkloadOptions {
  api: ObjectApi;
  recorder: Recorder;
  /** The objects the clients work on; every name starts with `prefix`. */
  keys: string[];
  prefix: string;
  clients: number;
  watchers: number;
  /** Uniform in [0, 1), seeded. */
  random: () => number;
  /** Pause after a request that got no definite answer, so a client does not spin while the server is down. @default 50 */
  backoffMs?: number;
  /** How long stop() waits for the last write and for the watchers to deliver it. @default 20000 */
  settleMs?: number;
}

export interface RunningWorkload {
  /** The resourceVersion the first watch started after: the store's log from there on is what the watches must deliver. */
  readonly watchedFrom: number;
  /** Stops the clients, makes the last write, waits for the watchers; resolves with whether every open watch caught up. */
  stop(): Promise<{ caughtUp: boolean; lastRevision: number | undefined }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** mulberry32: a small seeded generator, so a run's choices can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts the watchers, and once each has its first watch open, the clients. */
export async function startWorkload(o: WorkloadOptions): Promise<RunningWorkload> {
  const { api, recorder: rec, keys, prefix, random } = o;
  const backoff = o.backoffMs ?? 50;
  let stopping = false;
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;

  async function client(id: number): Promise<void> {
    const known = new Map<string, number>(); // key -> the last resourceVersion this client saw
    for (let seq = 0; !stopping; seq++) {
      const key = pick(keys);
      const value = `c${id}-${seq}`;
      const r = random();
      let answer: { object?: { rv: number }; failed: boolean };
      if (r < 0.22) answer = await rec.run({ client: id, kind: 'get', key }, () => api.get(key));
      else if (r < 0.32) answer = { failed: (await rec.runList(id, keys, () => api.list())) === undefined };
      else if (r < 0.47) answer = await rec.run({ client: id, kind: 'create', key, value }, () => api.create(key, value));
      else if (r < 0.67) {
        const precondition = known.get(key) ?? 1;
        answer = await rec.run({ client: id, kind: 'update', key, value, precondition }, () => api.update(key, value, precondition));
      } else if (r < 0.82) answer = await rec.run({ client: id, kind: 'update', key, value }, () => api.update(key, value));
      else answer = await rec.run({ client: id, kind: 'delete', key }, () => api.delete(key));
      if (answer.object && r < 0.82) known.set(key, answer.object.rv);
      await sleep(answer.failed ? backoff : 0);
    }
  }

  /** The last resourceVersion each main watch received, to know when it has caught up. */
  const positions = new Map<number, number>();
  /** The watch each watcher has open now. */
  const current = new Map<number, WatchRecord>();
  const probes = new Set<Promise<void>>();
  const handles = new Set<{ stop(): void }>();

  /** A list's resourceVersion, asked until the server answers; undefined once stopping. */
  async function listUntilAnswered(id: number): Promise<number | undefined> {
    while (!stopping) {
      const rv = await rec.runList(id, keys, () => api.list());
      if (rv !== undefined) return rv;
      await sleep(backoff * 4);
    }
    return undefined;
  }

  /** One watch request from `from`; resolves with how it ended (undefined: stopped by us) and the last rv it received. */
  async function watchOnce(id: number, from: number, onRv: (rv: number) => void, lifetimeMs?: number): Promise<{ end: WatchEnd | undefined; last: number }> {
    const record = rec.watch(id, prefix, from);
    if (!lifetimeMs) current.set(id, record);
    let last = from;
    let ended!: (end: WatchEnd | undefined) => void;
    const over = new Promise<WatchEnd | undefined>((resolve) => (ended = resolve));
    let handle: { stop(): void };
    try {
      handle = await api.watch(
        from,
        (type, object) => {
          last = object.rv;
          onRv(object.rv);
          if (object.key.startsWith(prefix)) record.events.push({ type, key: object.key, value: object.value, rv: object.rv, receivedAt: rec.now() });
        },
        (end) => ended(end),
      );
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      record.end = { kind: 'failed', at: rec.now(), message };
      return { end: { kind: 'failed', message }, last };
    }
    handles.add(handle);
    const timer = lifetimeMs ? setTimeout(() => ended({ kind: 'closed', message: 'closed by the client' }), lifetimeMs) : undefined;
    const stopWatch = { stop: () => ended(undefined) };
    handles.add(stopWatch);
    const end = await over;
    clearTimeout(timer);
    handles.delete(handle);
    handles.delete(stopWatch);
    handle.stop();
    record.end = end ? { ...end, at: rec.now() } : { kind: 'stopped', at: rec.now() };
    return { end, last };
  }

  async function watcher(id: number, opened: (from: number) => void): Promise<void> {
    const received: number[] = [];
    let from = await listUntilAnswered(id);
    if (from === undefined) return;
    opened(from);
    let nextProbe = rec.now() + 500 + random() * 1000;
    while (!stopping) {
      positions.set(id, from);
      const { end, last } = await watchOnce(id, from, (rv) => {
        positions.set(id, rv);
        received.push(rv);
        if (rec.now() > nextProbe && received.length > 1 && !stopping) {
          nextProbe = rec.now() + 1000 + random() * 1000;
          const probe = watchOnce(id + 1000, pick(received.slice(0, -1)), () => {}, 1000).then(() => {});
          probes.add(probe);
          void probe.then(() => probes.delete(probe));
        }
      });
      if (!end) break;
      const next = end.kind === 'expired' ? await listUntilAnswered(id) : last;
      if (next === undefined) break;
      from = next;
      await sleep(end.kind === 'failed' ? backoff * 2 : 10);
    }
  }

  /** The last write: made (and read back) until the server answers, so every watch has something to catch up to. */
  async function lastWrite(deadline: number): Promise<number | undefined> {
    const key = `${prefix}last`;
    for (let attempt = 0; rec.now() < deadline; attempt++) {
      const created = await rec.run({ client: 999, kind: 'create', key, value: `last-${attempt}` }, () => api.create(key, `last-${attempt}`));
      const read = created.object ?? (await rec.run({ client: 999, kind: 'get', key }, () => api.get(key))).object;
      if (read) return read.rv;
      await sleep(backoff * 4);
    }
    return undefined;
  }

  const opened: Array<Promise<number>> = [];
  const watchers = Array.from({ length: o.watchers }, (_, i) => {
    let open!: (from: number) => void;
    opened.push(new Promise<number>((resolve) => (open = resolve)));
    return watcher(100 + i, open);
  });
  const watchedFrom = Math.min(...(await Promise.all(opened)));
  const clients = Array.from({ length: o.clients }, (_, i) => client(i));
  return {
    watchedFrom,
    async stop() {
      stopping = true;
      await Promise.all(clients);
      const deadline = rec.now() + (o.settleMs ?? 20_000);
      const lastRevision = await lastWrite(deadline);
      for (const key of keys) await rec.run({ client: 999, kind: 'get', key }, () => api.get(key));
      const caughtUp = () => lastRevision !== undefined && [...positions.values()].every((rv) => rv >= lastRevision);
      while (!caughtUp() && rec.now() < deadline) await sleep(50);
      const result = { caughtUp: caughtUp(), lastRevision };
      for (const record of current.values()) if (!record.end && lastRevision !== undefined) record.mustReach = lastRevision;
      await Promise.all([...probes]);
      for (const h of [...handles]) h.stop();
      await Promise.all(watchers);
      return result;
    },
  };
}
