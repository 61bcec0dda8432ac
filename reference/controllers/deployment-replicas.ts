/**
 * The arithmetic of a rollout (pkg/controller/deployment/util): how many
 * pods a Deployment may run above its replicas (maxSurge, rounded up) and
 * how many may be unavailable (maxUnavailable, rounded down), how big its
 * new ReplicaSet may grow now, and the sums over its ReplicaSets that its
 * status reports. Pure functions of the objects, so they are tested alone.
 *
 * Example: replicas 10, maxSurge 25 %, maxUnavailable 25 %: surge
 * ceil(2.5) = 3, unavailable floor(2.5) = 2, so up to 13 pods and at
 * least 8 available during the rollout.
 */
import type { Deployment, IntOrString } from '../../spec/objects/deployment.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { ReplicaSet } from '../../spec/objects/replicaset.ts';

export type DeploymentObject = Deployment & KubeObject;
export type ReplicaSetObject = ReplicaSet & KubeObject;

export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';

export const replicasOf = (d: DeploymentObject): number => d.spec.replicas ?? 1;
export const rsReplicas = (rs: ReplicaSetObject): number => rs.spec.replicas ?? 1;
export const isRollingUpdate = (d: DeploymentObject): boolean => (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

/** intstr.GetScaledValueFromIntOrPercent: a count as it is, a percentage of `total` rounded up or down. */
export function scaledValue(value: IntOrString, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const percent = /^([0-9]+)%$/.exec(value);
  if (!percent) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  const exact = (Number(percent[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down, and both 0 would never move, so unavailable becomes 1. */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): [number, number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  const unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  return surge === 0 && unavailable === 0 ? [0, 1] : [surge, unavailable];
}

/** MaxSurge: 0 for Recreate. */
export function maxSurge(d: DeploymentObject): number {
  if (!isRollingUpdate(d)) return 0;
  const r = d.spec.strategy?.rollingUpdate;
  return resolveFenceposts(r?.maxSurge, r?.maxUnavailable, replicasOf(d))[0];
}

/** MaxUnavailable: 0 for Recreate or no replicas, never more than the replicas. */
export function maxUnavailable(d: DeploymentObject): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  const r = d.spec.strategy?.rollingUpdate;
  return Math.min(resolveFenceposts(r?.maxSurge, r?.maxUnavailable, replicasOf(d))[1], replicasOf(d));
}

const sum = (rss: ReadonlyArray<ReplicaSetObject | undefined>, of: (rs: ReplicaSetObject) => number) => rss.reduce((n, rs) => n + (rs ? of(rs) : 0), 0);
/** GetReplicaCountForReplicaSets: the pods the ReplicaSets are asked for. */
export const specReplicas = (rss: ReadonlyArray<ReplicaSetObject | undefined>) => sum(rss, rsReplicas);
/** GetActualReplicaCountForReplicaSets: the pods they counted. */
export const actualReplicas = (rss: ReadonlyArray<ReplicaSetObject | undefined>) => sum(rss, (rs) => rs.status?.replicas ?? 0);
export const readyReplicas = (rss: ReadonlyArray<ReplicaSetObject | undefined>) => sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
export const availableReplicas = (rss: ReadonlyArray<ReplicaSetObject | undefined>) => sum(rss, (rs) => rs.status?.availableReplicas ?? 0);

/** FilterActiveReplicaSets: those asked for at least one pod. */
export const activeReplicaSets = (rss: ReadonlyArray<ReplicaSetObject | undefined>): ReplicaSetObject[] => rss.filter((rs): rs is ReplicaSetObject => !!rs && rsReplicas(rs) > 0);

/** NewRSNewReplicas: how big the new ReplicaSet may be now: up to replicas + maxSurge pods in all, never past replicas itself. */
export function newRSNewReplicas(d: DeploymentObject, allRSs: ReadonlyArray<ReplicaSetObject | undefined>, newRS: ReplicaSetObject): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const maxTotal = replicasOf(d) + scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge ?? 0, replicasOf(d), true);
  const current = specReplicas(allRSs);
  if (current >= maxTotal) return rsReplicas(newRS);
  return rsReplicas(newRS) + Math.min(maxTotal - current, replicasOf(d) - rsReplicas(newRS));
}

/** IsSaturated: the new ReplicaSet has all the replicas, knows it, and they are all available. */
export function isSaturated(d: DeploymentObject, rs: ReplicaSetObject | undefined): boolean {
  if (!rs) return false;
  const desired = Number.parseInt(rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] ?? '', 10);
  return rsReplicas(rs) === replicasOf(d) && desired === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

/** A non-negative whole number in an annotation, or undefined (getNonNegativeInt32FromAnnotation). */
export function annotationCount(rs: ReplicaSetObject, key: string): number | undefined {
  const raw = rs.metadata.annotations?.[key];
  return raw !== undefined && /^[0-9]+$/.test(raw) && Number(raw) <= 2 ** 31 - 1 ? Number(raw) : undefined;
}

/** SetReplicasAnnotations: records on a ReplicaSet the Deployment's replicas and replicas + maxSurge; true when they changed. */
export function setReplicasAnnotations(rs: ReplicaSetObject, desired: number, max: number): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  const changed = annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || annotations[MAX_REPLICAS_ANNOTATION] !== String(max);
  annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
  annotations[MAX_REPLICAS_ANNOTATION] = String(max);
  return changed;
}

/**
 * GetReplicaSetProportion: a ReplicaSet's share of the replicas added or
 * removed when a Deployment is scaled mid-rollout, in proportion to its size
 * against the Deployment's size before (its max-replicas annotation).
 */
export function replicaSetProportion(rs: ReplicaSetObject, d: DeploymentObject, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const allowed = toAdd - added;
  const fraction = replicaSetFraction(rs, d);
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: ReplicaSetObject, d: DeploymentObject): number {
  if (replicasOf(d) === 0) return -rsReplicas(rs);
  const maxNow = replicasOf(d) + maxSurge(d);
  let before = annotationCount(rs, MAX_REPLICAS_ANNOTATION);
  if (!before) {
    before = d.status?.replicas ?? 0;
    if (before === 0) return 0;
  }
  // integer.RoundToInt32: half away from zero.
  const exact = (rsReplicas(rs) * maxNow) / before;
  return Math.sign(exact) * Math.round(Math.abs(exact)) - rsReplicas(rs);
}
