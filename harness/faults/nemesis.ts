/**
 * The nemesis: the faults the fault tests inject into an api-server
 * (`kubespec serve` on a 3-member etcd, or kube-apiserver on its etcd), as
 * Jepsen's etcd tests and etcd's robustness tests do. Each fault is injected, held, then healed; every signal goes to a process
 * the tests started, by its PID.
 *
 *   kill               SIGKILL the etcd leader, restart it from its data later
 *   pause              SIGSTOP the etcd leader (it hangs with its sockets open), SIGCONT later
 *   quorum             SIGKILL two of the three members: nothing can commit; restart both later
 *   apiserver-restart  SIGKILL the api-server (serve or kube-apiserver) mid-request, start it again on the same etcd
 *
 * and `none`, the same workload with no fault: the baseline.
 */
import type { ApiServerUnderTest } from './api-server-under-test.ts';
import type { FaultEtcd } from './etcd-cluster.ts';

export const FAULT_NAMES = ['kill', 'pause', 'quorum', 'apiserver-restart'] as const;
export type FaultName = 'none' | (typeof FAULT_NAMES)[number];

export interface FaultTarget {
  etcd: FaultEtcd;
  apiserver: ApiServerUnderTest;
}

export interface Fault {
  name: FaultName;
  /** What it does, for the report. */
  what: string;
  /** How long it is held by default: long enough for requests to meet it (quorum: beyond etcd's own 7 s request timeout). */
  holdMs: number;
  /** Injects the fault; resolves with how to heal it. */
  inject(target: FaultTarget): Promise<() => Promise<void>>;
}

/** The leader, or the first member when none can say (the fault hits someone either way). */
async function leaderOf(etcd: FaultEtcd): Promise<string> {
  return (await etcd.leader()) ?? etcd.names[0]!;
}

export const FAULTS: Record<FaultName, Fault> = {
  none: {
    name: 'none',
    what: 'no fault: the workload alone',
    holdMs: 3000,
    async inject() {
      return async () => {};
    },
  },
  kill: {
    name: 'kill',
    what: 'SIGKILL the etcd leader, then restart it from its data',
    holdMs: 3000,
    async inject({ etcd }) {
      const victim = await leaderOf(etcd);
      await etcd.members.kill(victim);
      return () => etcd.members.restart(victim);
    },
  },
  pause: {
    name: 'pause',
    what: 'SIGSTOP the etcd leader, then SIGCONT',
    holdMs: 6000,
    async inject({ etcd }) {
      const victim = await leaderOf(etcd);
      etcd.members.pause(victim);
      return async () => etcd.members.resume(victim);
    },
  },
  quorum: {
    name: 'quorum',
    what: 'SIGKILL 2 of the 3 etcd members (no quorum), then restart both',
    holdMs: 9000,
    async inject({ etcd }) {
      const [a, b] = etcd.names;
      await Promise.all([etcd.members.kill(a!), etcd.members.kill(b!)]);
      return () => etcd.members.restart(a!, b!);
    },
  },
  'apiserver-restart': {
    name: 'apiserver-restart',
    what: 'SIGKILL the api-server, then start it again on the same etcd',
    holdMs: 1000,
    async inject({ apiserver }) {
      await apiserver.kill();
      return () => apiserver.launch();
    },
  },
};
