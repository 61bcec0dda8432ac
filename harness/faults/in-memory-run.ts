/**
 * The history checker on the reference itself, in this process, on its
 * memory store: the fault workload against the api-server with no HTTP in
 * between, while the store refuses a few commits now and then (as an etcd
 * without quorum refuses them: 500 "etcdserver: request timed out"). Then
 * the api-server's compactor runs, and watches from before and after the
 * compacted revision check that 410 Expired comes exactly when it must.
 *
 * The memory store's log is not readable from outside the api-server
 * (A3), so the watches' agreed events stand for it.
 */
import { ADMIN, ReferenceCluster } from '../../reference/cluster.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { checkHistory, type HistoryReport } from '../history/check-history.ts';
import { inProcessObjectApi } from './in-process-object-api.ts';
import { Recorder } from './recorder.ts';
import { seededRandom, startWorkload } from './workload.ts';

export interface InMemoryRunOptions {
  durationMs: number;
  seed: number;
  clients?: number;
  watchers?: number;
}

export interface InMemoryRun {
  report: HistoryReport;
  recorder: Recorder;
  caughtUp: boolean;
}

const NAMESPACE = 'history';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runInMemory(options: InMemoryRunOptions): Promise<InMemoryRun> {
  const cluster = await new ReferenceCluster({ settings: { etcdCompactionIntervalMs: 60_000 } }).start();
  try {
    await cluster.client().create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } } as KubeObject);
    const api = inProcessObjectApi(cluster.apiserver, cluster.tokenFor(ADMIN.name)!, NAMESPACE);
    const recorder = new Recorder();
    const prefix = 'mem-';
    const keys = Array.from({ length: 4 }, (_, i) => `${prefix}${i}`);
    const workload = await startWorkload({ api, recorder, keys, prefix, clients: options.clients ?? 6, watchers: options.watchers ?? 2, random: seededRandom(options.seed), backoffMs: 1 });
    const until = recorder.now() + options.durationMs;
    while (recorder.now() < until) {
      cluster.storeFaults.failNextCommits(2);
      await sleep(50);
    }
    cluster.storeFaults.failNextCommits(0);
    const { caughtUp } = await workload.stop();

    // Compaction: the compactor compacts, at its second tick, to the revision it saw at its first.
    const before = (await api.list()).rv;
    await cluster.clock.advance!(cluster.settings.etcdCompactionIntervalMs);
    await cluster.clock.advance!(cluster.settings.etcdCompactionIntervalMs);
    const after = (await api.list()).rv;
    const compactedAt = recorder.now();
    await expectWatch(recorder, api, workload.watchedFrom, prefix);
    await expectWatch(recorder, api, after, prefix, () => api.update(keys[0]!, 'after-compaction'), keys[0]!);
    const report = checkHistory({ operations: recorder.operations, watches: recorder.watches }, { watchedFrom: workload.watchedFrom, compaction: { revision: before, at: compactedAt } });
    return { report, recorder, caughtUp };
  } finally {
    await cluster.stop();
  }
}

/** Opens one recorded watch from `from`; with `write`, makes that write (recorded) and waits for its event. */
async function expectWatch(rec: Recorder, api: ReturnType<typeof inProcessObjectApi>, from: number, prefix: string, write?: () => Promise<{ key: string; value: string; rv: number }>, key = ''): Promise<void> {
  const record = rec.watch(500, prefix, from);
  const handle = await api.watch(
    from,
    (type, object) => record.events.push({ type, key: object.key, value: object.value, rv: object.rv, receivedAt: rec.now() }),
    (end) => (record.end = { ...end, at: rec.now() }),
  );
  if (write) {
    const value = 'after-compaction';
    await rec.run({ client: 500, kind: 'update', key, value }, write);
    for (let i = 0; i < 100 && !record.events.length && !record.end; i++) await sleep(10);
  }
  handle.stop();
  record.end ??= { kind: 'closed', at: rec.now(), message: 'closed by the client' };
}
