/**
 * The status a kubelet reports for a pod (K4, A2 step 5), computed from its
 * containers' stages: phase (getPhase), the Initialized / ContainersReady /
 * Ready conditions, and the container statuses. Transition times move only
 * when a condition's status changes.
 */
import type { Condition } from '../../spec/objects/meta.ts';
import type { ContainerStatus, Pod, PodPhase, PodStatus } from '../../spec/objects/pod.ts';

/** Running if some container runs or will run again; Succeeded / Failed once all have stopped for good; else Pending. */
export function podPhase(statuses: ContainerStatus[], willRestart: (s: ContainerStatus) => boolean): PodPhase {
  if (statuses.length > 0 && statuses.every((s) => s.state.terminated && !willRestart(s))) {
    return statuses.some((s) => s.state.terminated!.exitCode !== 0) ? 'Failed' : 'Succeeded';
  }
  if (statuses.some((s) => s.state.running || s.restartCount > 0 || s.state.terminated)) return 'Running';
  return 'Pending';
}

function condition(type: string, ok: boolean, previous: Condition[] | undefined, now: string, why?: { reason: string; message: string }): Condition {
  const status = ok ? 'True' : 'False';
  const old = previous?.find((c) => c.type === type);
  return {
    type,
    status,
    ...(ok || !why ? {} : why),
    lastTransitionTime: old && old.status === status ? (old.lastTransitionTime ?? now) : now,
  };
}

export interface ReportInput {
  pod: Pod;
  statuses: ContainerStatus[];
  phase: PodPhase;
  hostIP: string;
  podIP: string;
  now: string;
}

export function podStatus({ pod, statuses, phase, hostIP, podIP, now }: ReportInput): PodStatus {
  const previous = pod.status?.conditions;
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  const why = { reason: phase === 'Succeeded' || phase === 'Failed' ? 'PodCompleted' : 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
  const allReady = unready.length === 0;
  return {
    ...pod.status,
    phase,
    hostIP,
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: pod.status?.startTime ?? now,
    conditions: [
      condition('Initialized', true, previous, now),
      condition('Ready', allReady, previous, now, why),
      condition('ContainersReady', allReady, previous, now, why),
      ...(previous ?? []).filter((c) => c.type === 'PodScheduled' || c.type === 'DisruptionTarget'),
    ],
    containerStatuses: statuses,
  };
}

/** The part of a status the kubelet owns: when this differs from what the API shows, the kubelet writes. */
export function ownedPart(status: PodStatus | undefined): string {
  return JSON.stringify({
    phase: status?.phase,
    podIP: status?.podIP,
    conditions: (status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled' && c.type !== 'DisruptionTarget').map((c) => [c.type, c.status]).sort(),
    containers: status?.containerStatuses,
  });
}
