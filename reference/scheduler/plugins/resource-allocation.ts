/**
 * What the allocation scorers share (noderesources/resource_allocation.go):
 * per resource, the node's allocatable and what would be requested once the
 * pod is added. LeastAllocated and MostAllocated count non-zero requests
 * (a pod that names none still takes 100m CPU and 200 MiB); BalancedAllocation
 * counts the real ones.
 */
import type { NodeInfo } from '../framework/node-info.ts';
import type { PodInfo } from '../framework/pod-info.ts';
import { intDiv } from '../framework/integer.ts';

export interface Allocation {
  allocatable: number;
  requested: number;
}

/** The resources scored, with their weight: cpu and memory, 1 each (the default NodeResourcesFitArgs). */
export const SCORED_RESOURCES = [
  { resource: 'cpu', weight: 1 },
  { resource: 'memory', weight: 1 },
] as const;

export function allocation(pod: PodInfo, node: NodeInfo, resource: 'cpu' | 'memory', useRealRequests: boolean): Allocation {
  const onNode = useRealRequests ? (node.requested[resource] ?? 0) : node.nonZeroRequested[resource];
  const fromPod = useRealRequests ? (pod.requests[resource] ?? 0) : pod.nonZero[resource];
  return { allocatable: node.allocatable[resource] ?? 0, requested: onNode + fromPod };
}

/** sum(score(resource) * weight) / sum(weight), integer division, over the non-zero requests. */
export function weightedScore(pod: PodInfo, node: NodeInfo, perResource: (requested: number, allocatable: number) => number): number {
  let total = 0;
  let weights = 0;
  for (const { resource, weight } of SCORED_RESOURCES) {
    const score =
      resource === 'cpu' ? perResource(node.nonZeroCpu + pod.nonZero.cpu, node.allocatableCpu) : perResource(node.nonZeroMemory + pod.nonZero.memory, node.allocatableMemory);
    total += score * weight;
    weights += weight;
  }
  return weights === 0 ? 0 : intDiv(total, weights);
}
