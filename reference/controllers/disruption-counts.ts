/**
 * What the disruption controller counts for a PodDisruptionBudget
 * (pkg/controller/disruption), as pure functions of the budget, its pods
 * and the time:
 *   expectedPods    the pods there should be: with an integer minAvailable
 *                   the pods selected; otherwise the scale of their
 *                   controllers (a ReplicaSet's replicas, say)
 *   desiredHealthy  minAvailable, or expectedPods - maxUnavailable
 *   currentHealthy  selected pods that are Ready, not being deleted and
 *                   not just approved for eviction
 *   disruptionsAllowed  currentHealthy - desiredHealthy, never below 0,
 *                   and 0 while no pod is expected
 * Worked example: 3 replicas, minAvailable 2, all Ready -> 3/2/3, 1 allowed;
 * one evicted and its replacement not yet Ready -> 2/2/3, 0 allowed.
 */
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from '../../spec/objects/poddisruptionbudget.ts';
import { scaledValue } from '../api/int-or-percent.ts';
import { isPodReady } from './endpoints.ts';
import type { PodObject } from './node-writes.ts';

export type BudgetObject = PodDisruptionBudget & KubeObject;

/** DeletionTimeout: how long an approved eviction is awaited before the pod counts as healthy again. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

/** The scale that governs a pod, found from its controller; absent for a pod with no controller (unmanaged). */
export type ScaleOf = (pod: PodObject) => Promise<{ uid: string; replicas: number } | undefined>;

export interface ExpectedCount {
  expectedPods: number;
  desiredHealthy: number;
  /** Pods no controller owns: their budget cannot be computed from a scale. */
  unmanaged: string[];
}

/** getExpectedScale: the sum of the scales of the controllers of the pods, each counted once. */
async function expectedScale(pods: readonly PodObject[], scaleOf: ScaleOf): Promise<{ expected: number; unmanaged: string[] }> {
  const scales = new Map<string, number>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    if (!pod.metadata.ownerReferences?.some((r) => r.controller)) {
      unmanaged.push(pod.metadata.name ?? '');
      continue;
    }
    const found = await scaleOf(pod);
    if (!found) throw new Error(`found no controllers for pod ${JSON.stringify(pod.metadata.name)}`);
    scales.set(found.uid, found.replicas);
  }
  return { expected: [...scales.values()].reduce((a, b) => a + b, 0), unmanaged };
}

/** getExpectedPodCount. */
export async function expectedCount(pdb: BudgetObject, pods: readonly PodObject[], scaleOf: ScaleOf): Promise<ExpectedCount> {
  const { minAvailable, maxUnavailable } = pdb.spec;
  if (maxUnavailable !== undefined) {
    const { expected, unmanaged } = await expectedScale(pods, scaleOf);
    return { expectedPods: expected, desiredHealthy: Math.max(0, expected - scaledValue(maxUnavailable, expected, true)), unmanaged };
  }
  if (typeof minAvailable === 'number') return { expectedPods: pods.length, desiredHealthy: minAvailable, unmanaged: [] };
  if (typeof minAvailable === 'string') {
    const { expected, unmanaged } = await expectedScale(pods, scaleOf);
    return { expectedPods: expected, desiredHealthy: scaledValue(minAvailable, expected, true), unmanaged };
  }
  return { expectedPods: 0, desiredHealthy: 0, unmanaged: [] };
}

/**
 * buildDisruptedPodMap: the approved evictions still awaited (their pods
 * exist and are not yet being deleted, and DeletionTimeout has not passed),
 * the pods whose eviction never came, and when to look again.
 */
export function awaitedEvictions(pdb: BudgetObject, pods: readonly PodObject[], nowMs: number): { awaited: Record<string, string>; overdue: PodObject[]; recheckAtMs?: number } {
  const approved = pdb.status?.disruptedPods ?? {};
  const awaited: Record<string, string> = {};
  const overdue: PodObject[] = [];
  let recheckAtMs: number | undefined;
  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    const at = approved[name];
    if (pod.metadata.deletionTimestamp || at === undefined) continue;
    const expectedDeletion = Date.parse(at) + DELETION_TIMEOUT_MS;
    if (expectedDeletion < nowMs) overdue.push(pod);
    else {
      awaited[name] = at;
      recheckAtMs = Math.min(recheckAtMs ?? Infinity, expectedDeletion);
    }
  }
  return { awaited, overdue, ...(recheckAtMs !== undefined ? { recheckAtMs } : {}) };
}

/** countHealthyPods: Ready, not being deleted, and not approved for eviction within the last DeletionTimeout. */
export function currentHealthy(pods: readonly PodObject[], awaited: Record<string, string>, nowMs: number): number {
  return pods.filter((pod) => {
    if (pod.metadata.deletionTimestamp) return false;
    const at = awaited[pod.metadata.name ?? ''];
    if (at !== undefined && Date.parse(at) + DELETION_TIMEOUT_MS > nowMs) return false;
    return isPodReady(pod);
  }).length;
}

/** The counts of updatePdbStatus, without the conditions (conditions come from disruptionsAllowed). */
export function countsOf(counts: ExpectedCount, healthy: number, awaited: Record<string, string>, generation: number): Omit<PodDisruptionBudgetStatus, 'conditions'> {
  const allowed = counts.expectedPods <= 0 ? 0 : Math.max(0, healthy - counts.desiredHealthy);
  return {
    currentHealthy: healthy,
    desiredHealthy: counts.desiredHealthy,
    expectedPods: counts.expectedPods,
    disruptionsAllowed: allowed,
    // An empty map is no map: Kubernetes omits it, and compares nil and empty as equal.
    ...(Object.keys(awaited).length ? { disruptedPods: awaited } : {}),
    observedGeneration: generation,
  };
}
