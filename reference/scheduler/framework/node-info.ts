/**
 * The scheduler's view of one node (framework.NodeInfo): what it can hold
 * (status.allocatable) and what the pods bound or assumed to it request,
 * kept as running totals so a scheduling cycle reads them in constant time.
 */
import type { Node, Taint } from '../../../spec/objects/node.ts';
import { allocatable as parseAllocatable, type ResourceList } from '../../api/pod-resources.ts';
import type { CpuMemory, PodInfo } from './pod-info.ts';

export interface NodeInfo {
  readonly name: string;
  readonly node: Node;
  /** cpu in millicores, memory in bytes, pods as a count; a missing resource is 0. */
  readonly allocatable: Readonly<ResourceList>;
  /** Sum of the real requests of the pods on the node. */
  readonly requested: Readonly<ResourceList>;
  /** Sum of their non-zero requests (scoring's view). */
  readonly nonZeroRequested: Readonly<CpuMemory>;
  readonly podCount: number;
  readonly unschedulable: boolean;
  readonly taints: readonly Taint[];
  /**
   * The same numbers for cpu, memory and pods, which every filter and
   * score reads for every node a pod is checked against, held on the
   * NodeInfo itself: a scheduling cycle then reads one object per node, not
   * four scattered ones.
   */
  readonly allocatableCpu: number;
  readonly allocatableMemory: number;
  readonly allocatablePods: number;
  readonly requestedCpu: number;
  readonly requestedMemory: number;
  readonly nonZeroCpu: number;
  readonly nonZeroMemory: number;
}

export class MutableNodeInfo implements NodeInfo {
  node: Node;
  allocatable: ResourceList = {};
  readonly requested: ResourceList = {};
  readonly nonZeroRequested: CpuMemory = { cpu: 0, memory: 0 };
  podCount = 0;
  // Read from the Node once, when it changes, not by every filter for every pod.
  unschedulable = false;
  taints: readonly Taint[] = [];
  allocatableCpu = 0;
  allocatableMemory = 0;
  allocatablePods = 0;
  requestedCpu = 0;
  requestedMemory = 0;
  nonZeroCpu = 0;
  nonZeroMemory = 0;

  constructor(
    readonly name: string,
    node?: Node,
  ) {
    this.node = node ?? { metadata: { name } };
    this.setNode(this.node);
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = parseAllocatable(node.status?.allocatable);
    this.allocatableCpu = this.allocatable.cpu ?? 0;
    this.allocatableMemory = this.allocatable.memory ?? 0;
    this.allocatablePods = this.allocatable.pods ?? 0;
    this.unschedulable = node.spec?.unschedulable === true;
    this.taints = node.spec?.taints ?? [];
  }

  addPod(pod: PodInfo): void {
    this.change(pod, 1);
  }

  removePod(pod: PodInfo): void {
    this.change(pod, -1);
  }

  private change(pod: PodInfo, sign: 1 | -1): void {
    this.podCount += sign;
    for (const [res, v] of Object.entries(pod.requests)) this.requested[res] = (this.requested[res] ?? 0) + sign * v;
    this.nonZeroRequested.cpu += sign * pod.nonZero.cpu;
    this.nonZeroRequested.memory += sign * pod.nonZero.memory;
    this.requestedCpu = this.requested.cpu ?? 0;
    this.requestedMemory = this.requested.memory ?? 0;
    this.nonZeroCpu = this.nonZeroRequested.cpu;
    this.nonZeroMemory = this.nonZeroRequested.memory;
  }
}

/** A NodeInfo built from a Node and the pods on it (for snapshots read from files, and tests). */
export function nodeInfoOf(node: Node, pods: readonly PodInfo[] = []): NodeInfo {
  const info = new MutableNodeInfo(node.metadata.name ?? '', node);
  for (const p of pods) info.addPod(p);
  return info;
}
