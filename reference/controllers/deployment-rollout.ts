/**
 * How a Deployment moves from its old ReplicaSets to the new one
 * (pkg/controller/deployment/rolling.go and recreate.go).
 *
 * RollingUpdate, one step per sync: grow the new ReplicaSet as far as
 * replicas + maxSurge allows; otherwise shrink the old ones, first by their
 * unavailable pods, then by as many available pods as keep at least
 * replicas - maxUnavailable available. Each step waits for the pods it
 * started to become available before the next may remove old ones, so the
 * rollout never has more pods than it allowed nor fewer available than it
 * promised.
 *
 * Recreate: scale every old ReplicaSet to 0, wait until none of their pods
 * is left running (terminating ones count), then create the new
 * ReplicaSet at full size.
 */
import { activeReplicaSets, availableReplicas, maxUnavailable, newRSNewReplicas, replicasOf, rsReplicas, actualReplicas, specReplicas, type DeploymentObject, type ReplicaSetObject } from './deployment-replicas.ts';
import { byCreation } from './deployment-revisions.ts';
import { deploymentComplete } from './deployment-status.ts';

/** What a rollout step does through the controller: find or create ReplicaSets, scale them, report. */
export interface RolloutActions {
  readonly d: DeploymentObject;
  /** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked and missing) and the old ones. */
  replicaSets(createIfMissing: boolean): Promise<[ReplicaSetObject | undefined, ReplicaSetObject[]]>;
  /** scaleReplicaSet: true when the size changed; the ReplicaSet as stored after. */
  scale(rs: ReplicaSetObject, size: number): Promise<[boolean, ReplicaSetObject]>;
  syncRolloutStatus(allRSs: Array<ReplicaSetObject | undefined>, newRS: ReplicaSetObject | undefined): Promise<void>;
  cleanup(oldRSs: ReplicaSetObject[]): Promise<void>;
  /** Whether any pod of the old ReplicaSets is still running or being stopped. */
  oldPodsRunning(newRS: ReplicaSetObject | undefined, oldRSs: ReplicaSetObject[]): boolean;
}

export async function rolloutRolling(a: RolloutActions): Promise<void> {
  const [newRS, oldRSs] = await a.replicaSets(true);
  if (!newRS) return;
  const allRSs = [...oldRSs, newRS];
  if (await reconcileNewReplicaSet(a, allRSs, newRS)) return a.syncRolloutStatus(allRSs, newRS);
  if (await reconcileOldReplicaSets(a, allRSs, activeReplicaSets(oldRSs), newRS)) return a.syncRolloutStatus(allRSs, newRS);
  if (a.d.status && deploymentComplete(a.d, a.d.status)) await a.cleanup(oldRSs);
  return a.syncRolloutStatus(allRSs, newRS);
}

async function reconcileNewReplicaSet(a: RolloutActions, allRSs: ReplicaSetObject[], newRS: ReplicaSetObject): Promise<boolean> {
  const wanted = replicasOf(a.d);
  if (rsReplicas(newRS) === wanted) return false;
  if (rsReplicas(newRS) > wanted) return (await a.scale(newRS, wanted))[0];
  return (await a.scale(newRS, newRSNewReplicas(a.d, allRSs, newRS)))[0];
}

/**
 * Old pods may go while, counting the new ReplicaSet's unavailable pods
 * as already lost, more than replicas - maxUnavailable stay.
 */
async function reconcileOldReplicaSets(a: RolloutActions, allRSs: ReplicaSetObject[], oldRSs: ReplicaSetObject[], newRS: ReplicaSetObject): Promise<boolean> {
  if (specReplicas(oldRSs) === 0) return false;
  const minAvailable = replicasOf(a.d) - maxUnavailable(a.d);
  const newUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicas(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const [cleaned, cleanedCount] = await cleanupUnhealthyReplicas(a, oldRSs, maxScaledDown);
  const scaledDown = await scaleDownOldReplicaSets(a, [...cleaned, newRS], cleaned, minAvailable);
  return cleanedCount + scaledDown > 0;
}

/** Old pods that are not available anyway go first: removing them costs no availability. */
async function cleanupUnhealthyReplicas(a: RolloutActions, oldRSs: ReplicaSetObject[], maxCleanup: number): Promise<[ReplicaSetObject[], number]> {
  const sorted = [...oldRSs].sort(byCreation);
  let total = 0;
  for (const [i, rs] of sorted.entries()) {
    if (total >= maxCleanup) break;
    const unhealthy = rsReplicas(rs) - (rs.status?.availableReplicas ?? 0);
    if (rsReplicas(rs) === 0 || unhealthy <= 0) continue;
    const count = Math.min(maxCleanup - total, unhealthy);
    sorted[i] = (await a.scale(rs, rsReplicas(rs) - count))[1];
    total += count;
  }
  return [sorted, total];
}

/** scaleDownOldReplicaSetsForRollingUpdate: the oldest first, by as many as are available beyond minAvailable. */
async function scaleDownOldReplicaSets(a: RolloutActions, allRSs: ReplicaSetObject[], oldRSs: ReplicaSetObject[], minAvailable: number): Promise<number> {
  const available = availableReplicas(allRSs);
  if (available <= minAvailable) return 0;
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= toScaleDown) break;
    if (rsReplicas(rs) === 0) continue;
    const count = Math.min(rsReplicas(rs), toScaleDown - total);
    await a.scale(rs, rsReplicas(rs) - count);
    total += count;
  }
  return total;
}

export async function rolloutRecreate(a: RolloutActions): Promise<void> {
  // No new ReplicaSet yet: it would start pods before the old ones are gone.
  let [newRS, oldRSs] = await a.replicaSets(false);
  let allRSs: Array<ReplicaSetObject | undefined> = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) if ((await a.scale(rs, 0))[0]) scaledDown = true;
  if (scaledDown || actualReplicas(oldRSs) > 0 || a.oldPodsRunning(newRS, oldRSs)) return a.syncRolloutStatus(allRSs, newRS);
  if (!newRS) {
    [newRS, oldRSs] = await a.replicaSets(true);
    allRSs = [...oldRSs, newRS];
  }
  if (newRS) await a.scale(newRS, replicasOf(a.d));
  if (a.d.status && deploymentComplete(a.d, a.d.status)) await a.cleanup(oldRSs);
  return a.syncRolloutStatus(allRSs, newRS);
}
