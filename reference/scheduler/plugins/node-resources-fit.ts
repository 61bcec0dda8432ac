/**
 * NodeResourcesFit, the filter (pkg/scheduler/framework/plugins/noderesources/fit.go):
 * a node is left out when one more pod would exceed its pod count, or when
 * the pod requests more of a resource than the node has free, free being
 * allocatable minus what the pods already there request (S2).
 *
 * Example: node with 4 CPU allocatable and pods requesting 3.5 CPU; a pod
 * asking for 1 CPU gets `Insufficient cpu` (1000m > 4000m - 3500m).
 */
import type { FilterPlugin } from '../framework/plugin.ts';
import { SUCCESS, unschedulable } from '../framework/status.ts';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';

/** Kubernetes checks cpu, memory and ephemeral storage first, then any other (extended) resource. */
const FIRST = ['cpu', 'memory', 'ephemeral-storage'];

function checkOrder(requests: Readonly<Record<string, number>>): string[] {
  const rest = Object.keys(requests).filter((r) => !FIRST.includes(r) && r !== 'pods').sort();
  return [...FIRST.filter((r) => r in requests), ...rest];
}

export const nodeResourcesFit = {
  name: NODE_RESOURCES_FIT,
  filter(pod, node) {
    const reasons: string[] = [];
    if (node.podCount + 1 > (node.allocatable.pods ?? 0)) reasons.push('Too many pods');
    for (const res of checkOrder(pod.requests)) {
      const want = pod.requests[res] ?? 0;
      const free = (node.allocatable[res] ?? 0) - (node.requested[res] ?? 0);
      if (want > 0 && want > free) reasons.push(`Insufficient ${res}`);
    }
    return reasons.length ? unschedulable(NODE_RESOURCES_FIT, ...reasons) : SUCCESS;
  },
} satisfies FilterPlugin;
