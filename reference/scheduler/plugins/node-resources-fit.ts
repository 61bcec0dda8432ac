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

/** The pod's requested resources in check order, worked out once per pod rather than once per node. */
const orders = new WeakMap<Readonly<Record<string, number>>, Array<[resource: string, amount: number]>>();
function checkOrder(requests: Readonly<Record<string, number>>): Array<[string, number]> {
  let order = orders.get(requests);
  if (!order) {
    const rest = Object.keys(requests).filter((r) => !FIRST.includes(r) && r !== 'pods').sort();
    order = [...FIRST.filter((r) => r in requests), ...rest].map((r): [string, number] => [r, requests[r] ?? 0]).filter(([, want]) => want > 0);
    orders.set(requests, order);
  }
  return order;
}

export const nodeResourcesFit = {
  name: NODE_RESOURCES_FIT,
  filter(pod, node) {
    let reasons: string[] | undefined;
    if (node.podCount + 1 > node.allocatablePods) reasons = ['Too many pods'];
    for (const [res, want] of checkOrder(pod.requests)) {
      const free =
        res === 'cpu' ? node.allocatableCpu - node.requestedCpu
        : res === 'memory' ? node.allocatableMemory - node.requestedMemory
        : (node.allocatable[res] ?? 0) - (node.requested[res] ?? 0);
      if (want > free) (reasons ??= []).push(`Insufficient ${res}`);
    }
    return reasons ? unschedulable(NODE_RESOURCES_FIT, ...reasons) : SUCCESS;
  },
} satisfies FilterPlugin;
