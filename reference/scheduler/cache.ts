/**
 * The scheduler's own view of the cluster (pkg/scheduler/backend/cache):
 * nodes and the pods on them, built from watches. A pod the scheduler has
 * chosen a node for is *assumed* there at once, so the next decision counts
 * it even before the binding comes back through the watch; the watch then
 * confirms it, or a failed binding forgets it.
 */
import type { Node } from '../../spec/objects/node.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import { isTerminal } from '../api/pod-resources.ts';
import { MutableNodeInfo, type NodeInfo } from './framework/node-info.ts';
import { podInfo, podKey, type PodInfo } from './framework/pod-info.ts';

interface PlacedPod {
  node: string;
  info: PodInfo;
  assumed: boolean;
}

export class SchedulerCache {
  /** Keyed by node name; a pod bound to a node not seen yet gets an entry too, so it counts once the node appears. */
  private readonly infos = new Map<string, MutableNodeInfo>();
  /** Nodes the watch has shown, in the order they appeared (the order they are checked in). */
  private readonly nodeOrder: string[] = [];
  private readonly pods = new Map<string, PlacedPod>();
  private list: NodeInfo[] | undefined;

  /** Adds or updates a node. */
  setNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const info = this.infos.get(name);
    if (info) info.setNode(node);
    else this.infos.set(name, new MutableNodeInfo(name, node));
    if (!this.nodeOrder.includes(name)) {
      this.nodeOrder.push(name);
      this.list = undefined;
    }
  }

  removeNode(name: string): void {
    const at = this.nodeOrder.indexOf(name);
    if (at >= 0) this.nodeOrder.splice(at, 1);
    this.list = undefined;
    const info = this.infos.get(name);
    if (info && info.podCount === 0) this.infos.delete(name);
  }

  /** A pod as the watch shows it: counted on its node while bound and not finished. */
  updatePod(pod: Pod): void {
    const key = podKey(pod);
    const node = pod.spec.nodeName;
    if (!node || isTerminal(pod)) {
      // A pod still only assumed keeps its place until its binding is seen or fails.
      if (!this.pods.get(key)?.assumed || isTerminal(pod)) this.removePod(key);
      return;
    }
    this.removePod(key);
    this.place(key, podInfo(pod), node, false);
  }

  removePod(key: string): void {
    const placed = this.pods.get(key);
    if (!placed) return;
    this.pods.delete(key);
    this.infos.get(placed.node)?.removePod(placed.info);
  }

  assume(pod: PodInfo, node: string): void {
    this.removePod(pod.key);
    this.place(pod.key, pod, node, true);
  }

  /** The binding failed: the pod is no longer counted on the node it was assumed on. */
  forget(key: string): void {
    if (this.pods.get(key)?.assumed) this.removePod(key);
  }

  isAssumed(key: string): boolean {
    return this.pods.get(key)?.assumed === true;
  }

  /** The nodes, in a stable order; read synchronously within one scheduling cycle. */
  snapshot(): readonly NodeInfo[] {
    this.list ??= this.nodeOrder.map((name) => this.infos.get(name)!);
    return this.list;
  }

  private place(key: string, info: PodInfo, node: string, assumed: boolean): void {
    let target = this.infos.get(node);
    if (!target) {
      target = new MutableNodeInfo(node);
      this.infos.set(node, target);
    }
    target.addPod(info);
    this.pods.set(key, { node, info, assumed });
  }
}

/** Node changes that can make a waiting pod fit: capacity, cordon, taints, labels (not heartbeats). */
export function schedulingPropertiesChanged(old: Node, next: Node): boolean {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return (
    !same(old.status?.allocatable, next.status?.allocatable) ||
    !same(old.spec?.unschedulable, next.spec?.unschedulable) ||
    !same(old.spec?.taints, next.spec?.taints) ||
    !same(old.metadata.labels, next.metadata.labels)
  );
}
