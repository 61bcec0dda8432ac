/**
 * `kubespec faults`: the fault tests as a command. Starts a 3-member etcd
 * and `kubespec serve` on it, runs a concurrent workload over HTTPS while a
 * nemesis kills, pauses and restarts etcd members and the api-server, and
 * checks the recorded history: acknowledged writes lost, linearizability
 * violations, watch violations, per fault, with the time to recover.
 */
import { parseArgs } from 'node:util';
import { faultDetails, faultTable } from '../faults/fault-report.ts';
import { etcdMissing } from '../faults/etcd-cluster.ts';
import { FaultRun, type PhaseResult } from '../faults/fault-run.ts';
import { problemsOf } from '../faults/fault-verdict.ts';
import { FAULT_NAMES, FAULTS, type FaultName } from '../faults/nemesis.ts';
import { parseDuration } from './serve-store.ts';

/** A Command (kubespec.ts checks it where it registers it, so this file need not import kubespec.ts). */
export const faults = {
  summary: 'run a workload against serve on a 3-member etcd under faults, and check its history',
  usage: `Usage: kubespec faults [options]

  --fault F             ${FAULT_NAMES.join(' | ')} | all (default all; repeatable)
${FAULT_NAMES.map((f) => `                          ${f.padEnd(18)} ${FAULTS[f].what}`).join('\n')}
  --duration S          hold each fault S seconds (default: each fault's own, ${FAULT_NAMES.map((f) => `${f} ${FAULTS[f].holdMs / 1000}`).join(', ')})
  --request-timeout D   serve's --request-timeout, the deadline every request must meet (default 8s)
  --clients N           concurrent clients (default 6)
  --seed N              seed of the workload's choices (default: the time)

Needs Debian's etcd-server. Exits 0 when every fault lost no acknowledged write and left
no linearizability or watch violation, every request was answered in time, and writes
were acknowledged again after healing; 1 otherwise.`,
  async run(args: string[]): Promise<number> {
    const { values } = parseArgs({
      args,
      options: {
        fault: { type: 'string', multiple: true, default: ['all'] },
        duration: { type: 'string' },
        'request-timeout': { type: 'string', default: '8s' },
        clients: { type: 'string', default: '6' },
        seed: { type: 'string' },
      },
    });
    const chosen = values.fault.includes('all') ? [...FAULT_NAMES] : values.fault;
    for (const f of chosen) if (!(FAULT_NAMES as readonly string[]).includes(f)) throw new Error(`--fault: expected one of ${FAULT_NAMES.join(', ')}, all; got ${JSON.stringify(f)}`);
    const holdMs = values.duration === undefined ? undefined : Number(values.duration) * 1000;
    if (holdMs !== undefined && !(holdMs > 0)) throw new Error(`--duration: expected seconds above zero, got ${JSON.stringify(values.duration)}`);
    const clients = Number(values.clients);
    if (!Number.isInteger(clients) || clients < 1) throw new Error(`--clients: expected a whole number above zero, got ${JSON.stringify(values.clients)}`);
    const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
    const missing = etcdMissing();
    if (missing) throw new Error(missing);

    const started = Date.now();
    const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
    log(`seed ${seed}`);
    const run = await FaultRun.start({ requestTimeoutMs: parseDuration('--request-timeout', values['request-timeout']), clients, log });
    const phases: PhaseResult[] = [];
    let compaction;
    try {
      for (const [i, fault] of (chosen as FaultName[]).entries()) phases.push(await run.phase(fault, seed + i, holdMs));
      compaction = await run.compaction();
    } finally {
      await run.close();
    }
    console.log(`\n${faultTable(phases)}\n`);
    for (const p of phases) console.log(faultDetails(p) + '\n');
    const problems = phases.flatMap((p) => problemsOf(p, run.requestTimeoutMs).map((m) => `${p.fault}: ${m}`));
    if (!compaction.expired) problems.push('compaction: a watch from compacted history was not answered 410 Expired');
    for (const v of compaction.report.watches.violations) problems.push(`compaction: ${v.message}`);
    console.log(`compaction: a watch from before it got ${compaction.expired ? '410 Expired' : 'no 410'}; ${compaction.report.watches.violations.length} watch violations`);
    console.log(problems.length ? `\n${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}` : '\nno acknowledged write lost, no linearizability or watch violation, every request answered in time');
    return problems.length ? 1 : 0;
  },
};
