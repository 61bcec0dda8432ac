/**
 * A fault run: an api-server on etcd that this process starts (`kubespec
 * serve` on a 3-member etcd, or Kubernetes' own kube-apiserver: see
 * fault-targets.ts), the concurrent workload over HTTPS, and one phase per fault:
 * warm up, inject, hold, heal, let it recover, stop the workload. Each
 * phase works on its own ConfigMaps and is checked on its own against
 * etcd's own log of them: acknowledged writes lost, linearizability of
 * each object, every watch. A last phase compacts etcd and checks that a
 * watch from before the compaction gets 410 Expired and one from after
 * gets its events.
 */
import { checkHistory, type HistoryReport } from '../history/check-history.ts';
import type { Operation } from '../history/operations.ts';
import type { Expiry } from '../history/watch-validator.ts';
import type { ApiServerUnderTest } from './api-server-under-test.ts';
import type { FaultEtcd } from './etcd-cluster.ts';
import { startTarget, type TargetName } from './fault-targets.ts';
import { httpObjectApi } from './http-object-api.ts';
import { FAULTS, type FaultName } from './nemesis.ts';
import { Recorder, type RequestTally } from './recorder.ts';
import { storedConfigMapValue } from './stored-configmap.ts';
import { seededRandom, startWorkload } from './workload.ts';

export const NAMESPACE = 'faults';
const CONFIGMAPS = `/registry/configmaps/${NAMESPACE}/`;

export interface FaultRunOptions {
  /** What runs on etcd. @default 'serve' */
  target?: TargetName;
  /** The api-server's --request-timeout: the deadline every request must meet, fault or not. @default 8000 */
  requestTimeoutMs?: number;
  clients?: number;
  watchers?: number;
  log?: (line: string) => void;
}

export interface PhaseResult {
  fault: FaultName;
  what: string;
  heldMs: number;
  requests: RequestTally;
  report: HistoryReport;
  /** The answers of failed requests, grouped, with the slowest of each. */
  answers: Array<{ answer: string; count: number; slowestMs: number }>;
  /** Requests abandoned at the client's deadline: the server never answered. */
  hung: number;
  /** From the start of healing to the first acknowledged write invoked after it; undefined if none came. */
  recoveryMs: number | undefined;
  /** The longest stretch of the phase with no write acknowledged. */
  longestWithoutWriteMs: number;
  caughtUp: boolean;
  /** Watches the server ended with 410 Expired (the workload then lists and watches again). */
  expiredWatches: number;
  /** The api-server ended by itself (it was started again for the next phase). */
  apiserverCrash?: string;
  unexpected: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isAcknowledgedWrite = (o: Operation) => o.kind !== 'get' && o.outcome.status === 'ok';

export class FaultRun {
  /** The first revision of the run: a watch from there asks for compacted history once the run compacts. */
  private firstRevision = 0;

  private constructor(
    readonly etcd: FaultEtcd,
    readonly apiserver: ApiServerUnderTest,
    readonly requestTimeoutMs: number,
    readonly target: TargetName,
    private readonly options: FaultRunOptions,
  ) {}

  /** kube-apiserver answers 410 below its watch cache's window too; serve only for compacted history. */
  private get expiry(): Expiry {
    return this.target === 'real-k8s' ? 'watch-cache' : 'compaction';
  }

  /** The client gives up this long after sending: beyond the server's own deadline, so a timeout here is a hang. */
  get clientDeadlineMs(): number {
    return this.requestTimeoutMs + 4000;
  }

  static async start(options: FaultRunOptions = {}): Promise<FaultRun> {
    const requestTimeoutMs = options.requestTimeoutMs ?? 8000;
    const target = options.target ?? 'serve';
    options.log?.(`starting ${target === 'serve' ? 'a 3-member etcd and kubespec serve' : 'one etcd member and kube-apiserver'} on it (--request-timeout ${requestTimeoutMs}ms)`);
    const { etcd, apiserver } = await startTarget(target, requestTimeoutMs);
    const run = new FaultRun(etcd, apiserver, requestTimeoutMs, target, options);
    try {
      const setup = run.api();
      await setup.ensureNamespace().finally(() => setup.close());
      run.firstRevision = await etcd.revision();
      return run;
    } catch (e) {
      await run.close();
      throw e;
    }
  }

  async close(): Promise<void> {
    try {
      await this.apiserver.stop();
    } finally {
      await this.etcd.close();
    }
  }

  private api() {
    return httpObjectApi({ server: this.apiserver.url, caPem: this.apiserver.caPem, token: this.apiserver.token, namespace: NAMESPACE, deadlineMs: this.clientDeadlineMs });
  }

  /** One fault under the workload, checked against etcd's log. */
  async phase(fault: FaultName, seed: number, holdMs = FAULTS[fault].holdMs): Promise<PhaseResult> {
    this.options.log?.(`fault ${fault}: ${FAULTS[fault].what}, held ${holdMs} ms`);
    const prefix = `${fault}-`;
    const keys = Array.from({ length: 4 }, (_, i) => `${prefix}${i}`);
    const recorder = new Recorder();
    const client = this.api();
    const from = await this.etcd.revision();
    const workload = await startWorkload({ api: client, recorder, keys, prefix, clients: this.options.clients ?? 6, watchers: this.options.watchers ?? 2, random: seededRandom(seed) });
    await sleep(1500);
    const heal = await FAULTS[fault].inject({ etcd: this.etcd, apiserver: this.apiserver });
    await sleep(holdMs);
    const healing = recorder.now();
    await heal();
    await sleep(3000);
    const { caughtUp } = await workload.stop();
    client.close();
    const apiserverCrash = this.apiserver.crashed;
    if (apiserverCrash) await this.apiserver.launch(); // reported below; the next phase needs a server

    const changes = (await this.etcd.log(CONFIGMAPS, from, storedConfigMapValue)).filter((c) => c.key.startsWith(prefix));
    const report = checkHistory({ operations: recorder.operations, watches: recorder.watches, store: { changes, fromRevision: from } }, { expiry: this.expiry });
    const acks = recorder.operations.filter(isAcknowledgedWrite).map((o) => o.completedAt).sort((a, b) => a - b);
    const recovered = recorder.operations.filter((o) => isAcknowledgedWrite(o) && o.invokedAt >= healing).reduce((min, o) => Math.min(min, o.completedAt), Infinity);
    const answers = new Map<string, { count: number; slowestMs: number }>();
    for (const f of recorder.failures) {
      const a = answers.get(f.answer) ?? { count: 0, slowestMs: 0 };
      answers.set(f.answer, { count: a.count + 1, slowestMs: Math.max(a.slowestMs, f.afterMs) });
    }
    return {
      fault,
      what: FAULTS[fault].what,
      heldMs: holdMs,
      requests: { ...recorder.requests },
      report,
      answers: [...answers].map(([answer, a]) => ({ answer, ...a })).sort((x, y) => y.count - x.count),
      hung: recorder.failures.filter((f) => f.answer.startsWith('no answer')).length,
      recoveryMs: Number.isFinite(recovered) ? recovered - healing : undefined,
      longestWithoutWriteMs: acks.reduce((longest, at, i) => (i ? Math.max(longest, at - acks[i - 1]!) : longest), 0),
      caughtUp,
      expiredWatches: recorder.watches.filter((w) => w.end?.kind === 'expired').length,
      ...(apiserverCrash ? { apiserverCrash } : {}),
      unexpected: recorder.unexpected,
    };
  }

  /** Compacts etcd, then watches from the run's first revision (must get 410 Expired) and from the compaction (must get its events). */
  async compaction(): Promise<{ report: HistoryReport; expired: boolean }> {
    this.options.log?.('compaction: watches from before and after a compaction');
    const recorder = new Recorder();
    const client = this.api();
    const compactRevision = await this.etcd.revision();
    await this.etcd.compact(compactRevision);
    const at = recorder.now();
    const watchFrom = async (from: number, write?: () => Promise<number | undefined>) => {
      const record = recorder.watch(0, 'compaction-', from);
      const handle = await client.watch(
        from,
        (type, o) => record.events.push({ type, key: o.key, value: o.value, rv: o.rv, receivedAt: recorder.now() }),
        (end) => (record.end = { ...end, at: recorder.now() }),
      );
      const written = await write?.();
      if (written !== undefined) record.mustReach = written;
      for (let i = 0; i < 200 && !record.end && (write ? !record.events.length : i < 20); i++) await sleep(25);
      handle.stop();
      record.end ??= { kind: 'stopped', at: recorder.now() };
      return record;
    };
    const old = await watchFrom(this.firstRevision);
    await watchFrom(compactRevision, async () => (await recorder.run({ client: 0, kind: 'create', key: 'compaction-0', value: 'after' }, () => client.create('compaction-0', 'after'))).object?.rv);
    client.close();
    const changes = (await this.etcd.log(CONFIGMAPS, compactRevision, storedConfigMapValue)).filter((c) => c.key.startsWith('compaction-'));
    const report = checkHistory({ operations: recorder.operations, watches: recorder.watches, store: { changes, fromRevision: compactRevision } }, { compaction: { revision: compactRevision, at } });
    return { report, expired: old.end?.kind === 'expired' };
  }
}
