/**
 * The proxy side of every node (P5): each node has its own netfilter
 * tables and its own kube-proxy writing into them, all under the one
 * identity `system:kube-proxy`. The cluster asks here for a node's rules
 * and for where a packet sent on that node ends up.
 */
import type { ApiClient, Packet, RouteOutcome } from '../../spec/adapter.ts';
import type { WorkTracker } from '../runtime/work-tracker.ts';
import { evaluate, toRouteOutcome } from './dataplane.ts';
import { KubeProxy, KUBE_PROXY_USER } from './kube-proxy.ts';
import { Netfilter } from './netfilter.ts';

export const KUBE_PROXY = { name: KUBE_PROXY_USER, groups: [] as string[] };

interface NodeDataplane {
  proxy: KubeProxy;
  netfilter: Netfilter;
  nodeIP: string;
}

export class NodeProxies {
  private readonly nodes = new Map<string, NodeDataplane>();

  constructor(private readonly deps: { client: () => ApiClient; work: WorkTracker; clusterCIDR: string }) {}

  async add(nodeName: string, nodeIP: string): Promise<void> {
    const netfilter = new Netfilter();
    const proxy = new KubeProxy({ nodeName, client: this.deps.client(), work: this.deps.work, netfilter, clusterCIDR: this.deps.clusterCIDR });
    this.nodes.set(nodeName, { proxy, netfilter, nodeIP });
    await proxy.start();
  }

  private node(name: string): NodeDataplane {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`Expected a node with a kube-proxy, got unknown node "${name}"`);
    return n;
  }

  /** What this node's kube-proxy last gave to iptables-restore. */
  rules(node: string): string {
    return this.node(node).proxy.lastPayload;
  }

  route(node: string, packet: Packet): RouteOutcome {
    const n = this.node(node);
    return toRouteOutcome(evaluate(n.netfilter, packet, { localAddresses: [n.nodeIP] }));
  }

  stop(): void {
    for (const n of this.nodes.values()) n.proxy.stop();
  }
}
