/**
 * MostAllocated (noderesources/most_allocated.go): the opposite of
 * LeastAllocated, packing pods onto the fullest nodes (bin packing).
 *
 * Example: node 4 CPU / 8Gi with pods requesting 1 CPU / 2Gi; the pod asks
 * 1 CPU / 2Gi. cpu: 2000 * 100 / 4000 = 50; memory: 4 * 100 / 8 = 50. Result: 50.
 */
import type { ScorePlugin } from '../framework/plugin.ts';
import { intDiv, MAX_NODE_SCORE } from '../framework/integer.ts';
import { weightedScore } from './resource-allocation.ts';

export const MOST_ALLOCATED = 'NodeResourcesMostAllocated';

/** requested * 100 / capacity, with requested capped at capacity; 0 when nothing is allocatable. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return intDiv(Math.min(requested, capacity) * MAX_NODE_SCORE, capacity);
}

export const mostAllocated = {
  name: MOST_ALLOCATED,
  score: (pod, node) => weightedScore(pod, node, mostRequestedScore),
} satisfies ScorePlugin;
