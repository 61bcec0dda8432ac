/**
 * The proxy side of every node (P5): each node has its own netfilter
 * tables and its own kube-proxy writing into them, all under the one
 * identity `system:kube-proxy`. The kube-proxy is the reference's unless a
 * swap (spec/components.ts) gives another; either way it reaches the tables
 * only through `iptablesRestore`, as a real one reaches the kernel. The
 * cluster asks here for a node's rules and for where a packet sent on that
 * node ends up.
 */
import type { Packet, RouteOutcome } from '../../spec/adapter.ts';
import type { Component, ComponentContext, ComponentFactory, KubeProxyContext } from '../../spec/components.ts';
import { evaluate, toRouteOutcome } from './dataplane.ts';
import { KUBE_PROXY_USER, referenceKubeProxy } from './kube-proxy.ts';
import { Netfilter } from './netfilter.ts';

export const KUBE_PROXY = { name: KUBE_PROXY_USER, groups: [] as string[] };

interface NodeDataplane {
  proxy: Component;
  netfilter: Netfilter;
  nodeIP: string;
  /** The last payload the node's kube-proxy gave to iptables-restore. */
  lastPayload: string;
}

export interface NodeProxiesDeps {
  /** A context for a node's kube-proxy: a client as system:kube-proxy, the clock, ... */
  context: () => ComponentContext;
  clusterCIDR: string;
  /** @default the reference kube-proxy */
  kubeProxy?: ComponentFactory<KubeProxyContext>;
}

export class NodeProxies {
  private readonly nodes = new Map<string, NodeDataplane>();

  constructor(private readonly deps: NodeProxiesDeps) {}

  async add(nodeName: string, nodeIP: string): Promise<void> {
    const netfilter = new Netfilter();
    const node: NodeDataplane = { proxy: { start: async () => {}, stop: () => {} }, netfilter, nodeIP, lastPayload: '' };
    const iptablesRestore = (payload: string, options: { noflush?: boolean } = {}) => {
      netfilter.restore(payload, options);
      node.lastPayload = payload;
    };
    const make = this.deps.kubeProxy ?? referenceKubeProxy;
    node.proxy = make({ ...this.deps.context(), nodeName, nodeIP, clusterCIDR: this.deps.clusterCIDR, iptablesRestore });
    this.nodes.set(nodeName, node);
    await node.proxy.start();
  }

  private node(name: string): NodeDataplane {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`Expected a node with a kube-proxy, got unknown node "${name}"`);
    return n;
  }

  /** What this node's kube-proxy last gave to iptables-restore. */
  rules(node: string): string {
    return this.node(node).lastPayload;
  }

  route(node: string, packet: Packet): RouteOutcome {
    const n = this.node(node);
    return toRouteOutcome(evaluate(n.netfilter, packet, { localAddresses: [n.nodeIP] }));
  }

  stop(): void {
    for (const n of this.nodes.values()) n.proxy.stop();
  }
}
