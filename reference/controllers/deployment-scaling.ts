/**
 * A Deployment scaled while a rollout is under way (the scale step of
 * sync.go): with one active ReplicaSet, it takes the new size; when the new
 * one is saturated, the old ones go to 0; otherwise the pods added or
 * removed are shared among the active ReplicaSets in proportion to their
 * sizes (GetReplicaSetProportion), the leftover going to the largest, so a
 * half-done rollout stays half done at the new size.
 */
import {
  activeReplicaSets, isRollingUpdate, isSaturated, maxSurge, replicaSetProportion, replicasOf, rsReplicas, specReplicas,
  type DeploymentObject, type ReplicaSetObject,
} from './deployment-replicas.ts';
import { activeOrLatest, byCreation } from './deployment-revisions.ts';

export interface Scaler {
  readonly d: DeploymentObject;
  scale(rs: ReplicaSetObject, size: number, force?: boolean): Promise<[boolean, ReplicaSetObject]>;
}

export async function scaleProportionally(s: Scaler, newRS: ReplicaSetObject | undefined, oldRSs: ReplicaSetObject[]): Promise<void> {
  const d = s.d;
  const only = activeOrLatest(newRS, oldRSs);
  if (only) {
    if (rsReplicas(only) !== replicasOf(d)) await s.scale(only, replicasOf(d));
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) await s.scale(old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const active = activeReplicaSets([...oldRSs, newRS]);
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(active);
  // Larger first; on a tie, the newer grows first and the older shrinks first.
  const newerFirst = (a: ReplicaSetObject, b: ReplicaSetObject) => rsReplicas(b) - rsReplicas(a) || byCreation(b, a);
  const olderFirst = (a: ReplicaSetObject, b: ReplicaSetObject) => rsReplicas(b) - rsReplicas(a) || byCreation(a, b);
  if (toAdd > 0) active.sort(newerFirst);
  else if (toAdd < 0) active.sort(olderFirst);
  let added = 0;
  const sizes = new Map<string, number>();
  for (const rs of active) {
    const share = toAdd !== 0 ? replicaSetProportion(rs, d, toAdd, added) : 0;
    sizes.set(rs.metadata.uid ?? '', rsReplicas(rs) + share);
    added += share;
  }
  for (const [i, rs] of active.entries()) {
    let size = sizes.get(rs.metadata.uid ?? '')!;
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    await s.scale(rs, size, true);
  }
}
