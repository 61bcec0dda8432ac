/**
 * What a pod asks of a node: max(sum of its containers, its largest init
 * container) plus overhead, per resource, as the scheduler and kubelet
 * count it (k8s.io/component-helpers/resource).
 */
import type { Pod } from '../../spec/objects/pod.ts';
import { resourceAmount } from './quantity.ts';

export type ResourceList = Record<string, number>;

function add(into: ResourceList, from: Record<string, string | number> | undefined): void {
  for (const [res, q] of Object.entries(from ?? {})) into[res] = (into[res] ?? 0) + resourceAmount(res, q);
}

export function podRequests(pod: Pod): ResourceList {
  const sum: ResourceList = {};
  for (const c of pod.spec.containers) add(sum, c.resources?.requests);
  for (const c of pod.spec.initContainers ?? []) {
    const one: ResourceList = {};
    add(one, c.resources?.requests);
    for (const [res, v] of Object.entries(one)) sum[res] = Math.max(sum[res] ?? 0, v);
  }
  add(sum, pod.spec.overhead);
  return sum;
}

/** A node's allocatable resources in the same units (cpu in millicores). */
export function allocatable(list: Record<string, string | number> | undefined): ResourceList {
  const out: ResourceList = {};
  add(out, list);
  return out;
}

/** A pod that has finished no longer holds its resources. */
export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}
