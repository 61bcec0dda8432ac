/**
 * What the scheduler reads from a pod: its real requests, which filtering
 * compares with what a node has free, and its non-zero requests, which
 * scoring uses so that a pod asking for nothing still counts for something
 * (pkg/scheduler/util: 100m CPU and 200 MiB for a container that names no
 * request).
 */
import type { Pod, Toleration } from '../../../spec/objects/pod.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { podRequests, type ResourceList } from '../../api/pod-resources.ts';
import { resourceAmount } from '../../api/quantity.ts';

/** DefaultMilliCPURequest: what scoring counts for a container with no CPU request. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** DefaultMemoryRequest: 200 MiB, for a container with no memory request. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface CpuMemory {
  cpu: number;
  memory: number;
}

export interface PodInfo {
  /** `namespace/name`. */
  readonly key: string;
  readonly pod: Pod;
  /** Real requests (cpu in millicores): what filtering checks. */
  readonly requests: Readonly<ResourceList>;
  /** Requests with the defaults for missing ones: what LeastAllocated and MostAllocated count. */
  readonly nonZero: Readonly<CpuMemory>;
  readonly tolerations: readonly Toleration[];
}

type Requests = Record<string, string | number> | undefined;

function containerNonZero(requests: Requests): CpuMemory {
  return {
    cpu: requests?.cpu !== undefined ? resourceAmount('cpu', requests.cpu) : DEFAULT_MILLI_CPU_REQUEST,
    memory: requests?.memory !== undefined ? resourceAmount('memory', requests.memory) : DEFAULT_MEMORY_REQUEST,
  };
}

/**
 * max(sum of containers, largest init container) + overhead, with each
 * container's missing cpu or memory request counted at the default.
 * Example: one container with `cpu: 500m` and no memory: {cpu: 500, memory: 209715200}.
 */
export function nonZeroRequests(pod: Pod): CpuMemory {
  const sum: CpuMemory = { cpu: 0, memory: 0 };
  for (const c of pod.spec.containers) {
    const one = containerNonZero(c.resources?.requests);
    sum.cpu += one.cpu;
    sum.memory += one.memory;
  }
  for (const c of pod.spec.initContainers ?? []) {
    const one = containerNonZero(c.resources?.requests);
    sum.cpu = Math.max(sum.cpu, one.cpu);
    sum.memory = Math.max(sum.memory, one.memory);
  }
  const overhead = pod.spec.overhead;
  if (overhead?.cpu !== undefined) sum.cpu += resourceAmount('cpu', overhead.cpu);
  if (overhead?.memory !== undefined) sum.memory += resourceAmount('memory', overhead.memory);
  return sum;
}

export function podKey(pod: Pod | KubeObject): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
}

export function podInfo(pod: Pod): PodInfo {
  return { key: podKey(pod), pod, requests: podRequests(pod), nonZero: nonZeroRequests(pod), tolerations: pod.spec.tolerations ?? [] };
}
