/**
 * BalancedAllocation (noderesources/balanced_allocation.go): favours nodes
 * whose CPU and memory would be used in the same proportion. Score =
 * (1 - standard deviation of the requested fractions) * 100, truncated, in
 * float64 as Kubernetes computes it; with two resources the deviation is
 * |f_cpu - f_memory| / 2. It counts real requests, and a pod that requests
 * nothing is not scored by it at all (Kubernetes skips best-effort pods), so
 * it adds 0 everywhere.
 *
 * Example: node 4 CPU / 8Gi, nothing on it; the pod asks 1 CPU / 4Gi.
 * Fractions 0.25 and 0.5, deviation 0.125. Result: 87.
 */
import type { ScorePlugin } from '../framework/plugin.ts';
import { MAX_NODE_SCORE } from '../framework/integer.ts';
import { allocation, SCORED_RESOURCES } from './resource-allocation.ts';

export const BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';

export function balancedScore(fractionsOf: ReadonlyArray<{ requested: number; allocatable: number }>): number {
  const fractions = fractionsOf.filter((a) => a.allocatable !== 0).map((a) => Math.min(a.requested / a.allocatable, 1));
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  else if (fractions.length > 2) {
    const mean = fractions.reduce((s, f) => s + f, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((s, f) => s + (f - mean) * (f - mean), 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export const balancedAllocation = {
  name: BALANCED_ALLOCATION,
  score(pod, node) {
    const bestEffort = SCORED_RESOURCES.every(({ resource }) => (pod.requests[resource] ?? 0) === 0);
    if (bestEffort) return 0;
    return balancedScore(SCORED_RESOURCES.map(({ resource }) => allocation(pod, node, resource, true)));
  },
} satisfies ScorePlugin;
