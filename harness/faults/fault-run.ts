/**
 * A fault run: `kubespec serve` on a 3-member etcd that this process
 * starts, the concurrent workload over HTTPS, and one phase per fault:
 * warm up, inject, hold, heal, let it recover, stop the workload. Each
 * phase works on its own ConfigMaps and is checked on its own against
 * etcd's own log of them: acknowledged writes lost, linearizability of
 * each object, every watch. A last phase compacts etcd and checks that a
 * watch from before the compaction gets 410 Expired and one from after
 * gets its events.
 */
import { checkHistory, type HistoryReport } from '../history/check-history.ts';
import type { RequestTally } from './recorder.ts';
import { Recorder } from './recorder.ts';
import { FaultEtcd } from './etcd-cluster.ts';
import { httpObjectApi } from './http-object-api.ts';
import { FAULTS, type FaultName } from './nemesis.ts';
import { ServeUnderTest } from './serve-under-test.ts';
import { seededRandom, startWorkload } from './workload.ts';

export const NAMESPACE = 'faults';
const CONFIGMAPS = `/registry/configmaps/${NAMESPACE}/`;

export interface FaultRunOptions {
  faults: FaultName[];
  seed: number;
  /** serve's --request-timeout: the deadline every request must meet, fault or not. @default 8000 */
  requestTimeoutMs?: number;
  /** How long each fault is held; by default each fault's own. */
  holdMs?: number;
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
  /** From healing to the first acknowledged write invoked after it; undefined if none came. */
  recoveryMs: number | undefined;
  caughtUp: boolean;
  serveCrash?: string;
  unexpected: string[];
}

export interface FaultRunResult {
  phases: PhaseResult[];
  compaction: { report: HistoryReport; expired: boolean };
  requestTimeoutMs: number;
  clientDeadlineMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const valueOf = (stored: string) => String((JSON.parse(stored) as { data?: { v?: unknown } }).data?.v ?? '');

export async function runFaults(options: FaultRunOptions): Promise<FaultRunResult> {
  const log = options.log ?? (() => {});
  const requestTimeoutMs = options.requestTimeoutMs ?? 8000;
  const clientDeadlineMs = requestTimeoutMs + 4000;
  log(`starting a 3-member etcd and kubespec serve on it (--request-timeout ${requestTimeoutMs}ms)`);
  const etcd = await FaultEtcd.start(3);
  try {
    const serve = await ServeUnderTest.start({ store: etcd.storeFlag, requestTimeoutMs });
    try {
      const api = () => httpObjectApi({ server: serve.url, caPem: serve.caPem, token: serve.token, namespace: NAMESPACE, deadlineMs: clientDeadlineMs });
      const setup = api();
      await setup.ensureNamespace();
      setup.close();
      const phases: PhaseResult[] = [];
      const firstRevision = await etcd.revision();
      for (const [i, fault] of options.faults.entries()) {
        log(`fault ${fault}: ${FAULTS[fault].what}`);
        phases.push(await runPhase(fault, options.seed + i));
        if (serve.crashed) await serve.launch(); // reported in the phase; the next phase needs a server
      }
      log('compaction: watches from before and after a compaction');
      const compaction = await checkCompaction(firstRevision);
      return { phases, compaction, requestTimeoutMs, clientDeadlineMs };

      async function runPhase(fault: FaultName, seed: number): Promise<PhaseResult> {
        const prefix = `${fault}-`;
        const keys = Array.from({ length: 4 }, (_, i) => `${prefix}${i}`);
        const recorder = new Recorder();
        const client = api();
        const from = await etcd.revision();
        const workload = await startWorkload({ api: client, recorder, keys, prefix, clients: options.clients ?? 6, watchers: options.watchers ?? 2, random: seededRandom(seed) });
        await sleep(1500);
        const heldMs = options.holdMs ?? FAULTS[fault].holdMs;
        const heal = await FAULTS[fault].inject({ etcd, serve });
        await sleep(heldMs);
        await heal();
        const healedAt = recorder.now();
        await sleep(3000);
        const { caughtUp } = await workload.stop();
        client.close();
        const changes = (await etcd.log(CONFIGMAPS, from, valueOf)).filter((c) => c.key.startsWith(prefix));
        const report = checkHistory({ operations: recorder.operations, watches: recorder.watches, store: { changes, fromRevision: from } });
        const recovered = recorder.operations
          .filter((o) => o.kind !== 'get' && o.outcome.status === 'ok' && o.invokedAt >= healedAt)
          .reduce((min, o) => Math.min(min, o.completedAt), Infinity);
        const answers = new Map<string, { count: number; slowestMs: number }>();
        for (const f of recorder.failures) {
          const a = answers.get(f.answer) ?? { count: 0, slowestMs: 0 };
          answers.set(f.answer, { count: a.count + 1, slowestMs: Math.max(a.slowestMs, f.afterMs) });
        }
        return {
          fault,
          what: FAULTS[fault].what,
          heldMs,
          requests: { ...recorder.requests },
          report,
          answers: [...answers].map(([answer, a]) => ({ answer, ...a })).sort((x, y) => y.count - x.count),
          hung: recorder.failures.filter((f) => f.answer.startsWith('no answer')).length,
          recoveryMs: Number.isFinite(recovered) ? recovered - healedAt : undefined,
          caughtUp,
          ...(serve.crashed ? { serveCrash: serve.crashed } : {}),
          unexpected: recorder.unexpected,
        };
      }

      async function checkCompaction(before: number): Promise<FaultRunResult['compaction']> {
        const recorder = new Recorder();
        const client = api();
        const compactRevision = await etcd.revision();
        await etcd.compact(compactRevision);
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
        const old = await watchFrom(before);
        await watchFrom(compactRevision, async () => (await recorder.run({ client: 0, kind: 'create', key: 'compaction-0', value: 'after' }, () => client.create('compaction-0', 'after'))).object?.rv);
        client.close();
        const changes = (await etcd.log(CONFIGMAPS, compactRevision, valueOf)).filter((c) => c.key.startsWith('compaction-'));
        const report = checkHistory({ operations: recorder.operations, watches: recorder.watches, store: { changes, fromRevision: compactRevision } }, { compaction: { revision: compactRevision, at } });
        return { report, expired: old.end?.kind === 'expired' };
      }
    } finally {
      await serve.stop();
    }
  } finally {
    await etcd.close();
  }
}
