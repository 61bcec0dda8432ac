/**
 * A Deployment's status and conditions (pkg/controller/deployment/sync.go
 * calculateStatus, progress.go and util): the sums over its ReplicaSets,
 * Available (MinimumReplicasAvailable or MinimumReplicasUnavailable, judged
 * against replicas - maxUnavailable) and Progressing, whose reason tells
 * where the rollout is: NewReplicaSetCreated, FoundNewReplicaSet,
 * ReplicaSetUpdated, NewReplicaSetAvailable, or ProgressDeadlineExceeded.
 */
import type { DeploymentCondition, DeploymentStatus } from '../../spec/objects/deployment.ts';
import { actualReplicas, availableReplicas, maxUnavailable, readyReplicas, replicasOf, specReplicas, type DeploymentObject, type ReplicaSetObject } from './deployment-replicas.ts';

export const REASONS = {
  replicaSetUpdated: 'ReplicaSetUpdated',
  newReplicaSetCreated: 'NewReplicaSetCreated',
  foundNewReplicaSet: 'FoundNewReplicaSet',
  newReplicaSetAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  failedCreate: 'ReplicaSetCreateError',
  minimumAvailable: 'MinimumReplicasAvailable',
  minimumUnavailable: 'MinimumReplicasUnavailable',
} as const;

type ConditionStatus = DeploymentCondition['status'];

export const newCondition = (type: string, status: ConditionStatus, reason: string, message: string, now: string): DeploymentCondition => ({
  type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message,
});

export const conditionOf = (status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined => status?.conditions?.find((c) => c.type === type);

export function removeCondition(status: DeploymentStatus, type: string): void {
  const rest = (status.conditions ?? []).filter((c) => c.type !== type);
  if (rest.length) status.conditions = rest;
  else delete status.conditions;
}

/** SetDeploymentCondition: nothing changes when status and reason are the same; the transition time stays when only the reason moves. */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = conditionOf(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = current && current.status === condition.status ? { ...condition, lastTransitionTime: current.lastTransitionTime } : condition;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export const hasProgressDeadline = (d: DeploymentObject): boolean => d.spec.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== 2 ** 31 - 1;

/** calculateStatus: the counts over every ReplicaSet, the new one's as updatedReplicas, and Available. */
export function calculateStatus(allRSs: ReadonlyArray<ReplicaSetObject | undefined>, newRS: ReplicaSetObject | undefined, d: DeploymentObject, now: string): DeploymentStatus {
  const available = availableReplicas(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: actualReplicas(allRSs),
    updatedReplicas: actualReplicas([newRS]),
    readyReplicas: readyReplicas(allRSs),
    availableReplicas: available,
    // Negative while scaling down (more available than asked for): then none are missing.
    unavailableReplicas: Math.max(0, specReplicas(allRSs) - available),
    ...(d.status?.conditions ? { conditions: structuredClone(d.status.conditions) } : {}),
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
  };
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', REASONS.minimumAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', REASONS.minimumUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** DeploymentComplete: every replica updated and available, and this generation observed. */
export const deploymentComplete = (d: DeploymentObject, s: DeploymentStatus): boolean =>
  s.updatedReplicas === replicasOf(d) && s.replicas === replicasOf(d) && s.availableReplicas === replicasOf(d) && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 1);

/** DeploymentProgressing: more updated, ready or available pods than before, or fewer old ones. */
export function deploymentProgressing(d: DeploymentObject, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** DeploymentTimedOut: no progress reported for progressDeadlineSeconds since the condition's last update. */
export function deploymentTimedOut(d: DeploymentObject, s: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = conditionOf(s, 'Progressing');
  if (!c || c.reason === REASONS.newReplicaSetAvailable) return false;
  if (c.reason === REASONS.timedOut) return true;
  return Date.parse(c.lastUpdateTime ?? '') + (d.spec.progressDeadlineSeconds ?? 0) * 1000 < nowMs;
}

/**
 * syncRolloutStatus's conditions: Progressing as the rollout stands, only
 * while a rollout is under way (a complete one is left as it is).
 */
export function rolloutStatus(allRSs: ReadonlyArray<ReplicaSetObject | undefined>, newRS: ReplicaSetObject | undefined, d: DeploymentObject, now: string, nowMs: number): DeploymentStatus {
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = conditionOf(d.status, 'Progressing');
  const complete = status.replicas === status.updatedReplicas && current?.reason === REASONS.newReplicaSetAvailable;
  if (!hasProgressDeadline(d) || complete) return status;
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (deploymentComplete(d, status)) {
    setCondition(status, newCondition('Progressing', 'True', REASONS.newReplicaSetAvailable, `${subject} has successfully progressed.`, now));
  } else if (deploymentProgressing(d, status)) {
    // Progress moves lastUpdateTime even with the same reason, keeping a True condition's transition time.
    const condition = newCondition('Progressing', 'True', REASONS.replicaSetUpdated, `${subject} is progressing.`, now);
    if (current?.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
    removeCondition(status, 'Progressing');
    setCondition(status, condition);
  } else if (deploymentTimedOut(d, status, nowMs)) {
    setCondition(status, newCondition('Progressing', 'False', REASONS.timedOut, `${subject} has timed out progressing.`, now));
  }
  return status;
}
