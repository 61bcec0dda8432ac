/** Small builders for scheduler tests: a node with allocatable resources, a pod with requests. */
import type { Node, Taint } from '../../../spec/objects/node.ts';
import type { Pod, Toleration } from '../../../spec/objects/pod.ts';
import { nodeInfoOf, type NodeInfo } from './node-info.ts';
import { podInfo, type PodInfo } from './pod-info.ts';

export interface NodeSpecForTest {
  cpu?: string;
  memory?: string;
  pods?: number;
  unschedulable?: boolean;
  taints?: Taint[];
}

export function testNode(name: string, spec: NodeSpecForTest = {}): Node {
  const allocatable: Record<string, string | number> = { cpu: spec.cpu ?? '4', memory: spec.memory ?? '8Gi', pods: spec.pods ?? 110 };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    spec: { ...(spec.unschedulable ? { unschedulable: true } : {}), ...(spec.taints ? { taints: spec.taints } : {}) },
    status: { allocatable, capacity: allocatable },
  };
}

export function testPod(name: string, requests: Record<string, string> | undefined, extra: { tolerations?: Toleration[]; nodeName?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      ...(extra.nodeName ? { nodeName: extra.nodeName } : {}),
      containers: [{ name: 'app', image: 'nginx:1.27', ...(requests ? { resources: { requests } } : {}) }],
      ...(extra.tolerations ? { tolerations: extra.tolerations } : {}),
    },
  };
}

export const pod = (requests?: Record<string, string>, extra?: { tolerations?: Toleration[] }): PodInfo => podInfo(testPod('web', requests, extra));

/** A node with the given pods' requests already on it. */
export function node(name: string, spec: NodeSpecForTest = {}, running: Array<Record<string, string> | undefined> = []): NodeInfo {
  return nodeInfoOf(testNode(name, spec), running.map((r, i) => podInfo(testPod(`${name}-pod-${i}`, r))));
}
