/**
 * `kubespec faults`: the fault tests as a command. Starts etcd and an
 * api-server on it (`kubespec serve` on a 3-member etcd, or with
 * `--target real-k8s` Kubernetes' own kube-apiserver on one etcd member),
 * runs a concurrent workload over HTTPS while a nemesis kills, pauses and
 * restarts etcd members and the api-server, and checks the recorded
 * history: acknowledged writes lost, linearizability violations, watch
 * violations, per fault, with the time to recover.
 */
import { parseArgs } from 'node:util';
import { faultDetails, faultTable } from '../faults/fault-report.ts';
import { FaultRun, type PhaseResult } from '../faults/fault-run.ts';
import { TARGET_FAULTS, TARGET_NAMES, targetMissing, type TargetName } from '../faults/fault-targets.ts';
import { problemsOf } from '../faults/fault-verdict.ts';
import { FAULTS, type FaultName } from '../faults/nemesis.ts';
import { parseDuration } from './serve-store.ts';

const EVERY_FAULT = Object.keys(FAULTS) as FaultName[];

/** A Command (kubespec.ts checks it where it registers it, so this file need not import kubespec.ts). */
export const faults = {
  summary: 'run a workload against an api-server on etcd under faults, and check its history',
  usage: `Usage: kubespec faults [options]

  --target T            serve | real-k8s (default serve)
                          serve     kubespec serve on a 3-member etcd (Debian's etcd-server)
                          real-k8s  Kubernetes' own kube-apiserver on one etcd member, both built by .ci/build-kubernetes
  --fault F             ${EVERY_FAULT.join(' | ')} | all (default all: every fault the target takes; repeatable)
${EVERY_FAULT.map((f) => `                          ${f.padEnd(18)} ${FAULTS[f].what}`).join('\n')}
                        serve takes ${TARGET_FAULTS.serve.join(', ')}; real-k8s takes ${TARGET_FAULTS['real-k8s'].join(', ')}
  --duration S          hold each fault S seconds (default: each fault's own, ${EVERY_FAULT.map((f) => `${f} ${FAULTS[f].holdMs / 1000}`).join(', ')})
  --request-timeout D   the api-server's --request-timeout, the deadline every request must meet (default 8s)
  --clients N           concurrent clients (default 6)
  --seed N              seed of the workload's choices (default: the time)

Exits 0 when every fault lost no acknowledged write and left no linearizability or watch
violation, every request was answered in time, and writes were acknowledged again after
healing; 1 otherwise. With serve, a last phase compacts etcd and checks that a watch from
before it gets 410 Expired (kube-apiserver serves watches from its watch cache, whose
window is its own, so that phase is serve's only).`,
  async run(args: string[]): Promise<number> {
    const { values } = parseArgs({
      args,
      options: {
        target: { type: 'string', default: 'serve' },
        fault: { type: 'string', multiple: true, default: ['all'] },
        duration: { type: 'string' },
        'request-timeout': { type: 'string', default: '8s' },
        clients: { type: 'string', default: '6' },
        seed: { type: 'string' },
      },
    });
    const target = values.target as TargetName;
    if (!(TARGET_NAMES as readonly string[]).includes(target)) throw new Error(`--target: expected one of ${TARGET_NAMES.join(', ')}; got ${JSON.stringify(values.target)}`);
    const takes = TARGET_FAULTS[target];
    const chosen = values.fault.includes('all') ? [...takes] : values.fault;
    for (const f of chosen) if (!(takes as readonly string[]).includes(f)) throw new Error(`--fault: ${target} takes ${takes.join(', ')}, all; got ${JSON.stringify(f)}`);
    const holdMs = values.duration === undefined ? undefined : Number(values.duration) * 1000;
    if (holdMs !== undefined && !(holdMs > 0)) throw new Error(`--duration: expected seconds above zero, got ${JSON.stringify(values.duration)}`);
    const clients = Number(values.clients);
    if (!Number.isInteger(clients) || clients < 1) throw new Error(`--clients: expected a whole number above zero, got ${JSON.stringify(values.clients)}`);
    const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
    const missing = targetMissing(target);
    if (missing) throw new Error(missing);

    const started = Date.now();
    const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
    log(`seed ${seed}`);
    const run = await FaultRun.start({ target, requestTimeoutMs: parseDuration('--request-timeout', values['request-timeout']), clients, log });
    const phases: PhaseResult[] = [];
    let compaction;
    try {
      for (const [i, fault] of (chosen as FaultName[]).entries()) phases.push(await run.phase(fault, seed + i, holdMs));
      if (target === 'serve') compaction = await run.compaction();
    } finally {
      await run.close();
    }
    console.log(`\n${run.apiserver.name} on etcd\n${faultTable(phases)}\n`);
    for (const p of phases) console.log(faultDetails(p) + '\n');
    const problems = phases.flatMap((p) => problemsOf(p, run.requestTimeoutMs).map((m) => `${p.fault}: ${m}`));
    if (compaction) {
      if (!compaction.expired) problems.push('compaction: a watch from compacted history was not answered 410 Expired');
      for (const v of compaction.report.watches.violations) problems.push(`compaction: ${v.message}`);
      console.log(`compaction: a watch from before it got ${compaction.expired ? '410 Expired' : 'no 410'}; ${compaction.report.watches.violations.length} watch violations`);
    }
    console.log(problems.length ? `\n${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}` : '\nno acknowledged write lost, no linearizability or watch violation, every request answered in time');
    return problems.length ? 1 : 0;
  },
};
