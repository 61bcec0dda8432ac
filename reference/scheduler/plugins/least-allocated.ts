/**
 * LeastAllocated (noderesources/least_allocated.go), the note's "rank by
 * what is left" (S3): per resource, what would be left after the pod, as a
 * share of the node's allocatable, on a 0-100 scale; then the weighted mean.
 *
 * Example: node 4 CPU / 8Gi with pods requesting 1 CPU / 2Gi; the pod asks
 * 1 CPU / 2Gi. cpu: (4000 - 2000) * 100 / 4000 = 50; memory: (8 - 4) * 100 / 8 = 50.
 * Result: 50.
 */
import type { ScorePlugin } from '../framework/plugin.ts';
import { intDiv, MAX_NODE_SCORE } from '../framework/integer.ts';
import { weightedScore } from './resource-allocation.ts';

export const LEAST_ALLOCATED = 'NodeResourcesLeastAllocated';

/** (capacity - requested) * 100 / capacity; 0 when nothing is allocatable or the node is over-committed. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return intDiv((capacity - requested) * MAX_NODE_SCORE, capacity);
}

export const leastAllocated = {
  name: LEAST_ALLOCATED,
  score: (pod, node) => weightedScore(pod, node, leastRequestedScore),
} satisfies ScorePlugin;
