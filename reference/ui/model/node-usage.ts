/**
 * What a node card shows as bars: for CPU, memory and pods, the node's
 * allocatable amount against what the pods bound to it request, counted as
 * the scheduler counts them (reference/api/pod-resources.ts): every pod
 * bound there that has not finished, terminating ones included.
 */
import type { Node } from '../../../spec/objects/node.ts';
import type { Pod } from '../../../spec/objects/pod.ts';
import { allocatable, isTerminal, podRequests } from '../../api/pod-resources.ts';

export interface Usage {
  resource: 'cpu' | 'memory' | 'pods';
  requested: number;
  allocatable: number;
  /** `1.5 / 4 cores`, `512Mi / 8Gi`, `3 / 110 pods`. */
  text: string;
}

const BINARY = [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const;

/** Bytes in the largest binary unit that keeps the number at least 1, with at most one decimal. */
export function formatBytes(bytes: number): string {
  const [unit, size] = BINARY.find(([, s]) => bytes >= s) ?? ['', 1];
  const v = Math.round((bytes / size) * 10) / 10;
  return `${v}${unit}`;
}

export const formatCores = (milli: number) => `${Math.round(milli / 10) / 100}`;

export function nodeUsage(node: Node, pods: readonly Pod[]): Usage[] {
  const alloc = allocatable(node.status?.allocatable);
  const here = pods.filter((p) => p.spec.nodeName === node.metadata.name && !isTerminal(p));
  const requested = { cpu: 0, memory: 0 };
  for (const p of here) {
    const r = podRequests(p);
    requested.cpu += r.cpu ?? 0;
    requested.memory += r.memory ?? 0;
  }
  const [cpu, memory, podsAlloc] = [alloc.cpu ?? 0, alloc.memory ?? 0, alloc.pods ?? 0];
  return [
    { resource: 'cpu', requested: requested.cpu, allocatable: cpu, text: `${formatCores(requested.cpu)} / ${formatCores(cpu)} cores` },
    { resource: 'memory', requested: requested.memory, allocatable: memory, text: `${formatBytes(requested.memory)} / ${formatBytes(memory)}` },
    { resource: 'pods', requested: here.length, allocatable: podsAlloc, text: `${here.length} / ${podsAlloc} pods` },
  ];
}
