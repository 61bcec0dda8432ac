/**
 * kube-proxy (P5-P8): one per node, acting only through the api-server
 * under its own identity. It watches Services and EndpointSlices (as
 * Kubernetes' kube-proxy has since 1.19; Endpoints are for older clients) and, after
 * every change, writes the node's rules with `iptables-restore --noflush
 * --counters`: the whole kube-proxy-owned state in one payload, plus the
 * flush-and-delete of chains it wrote before that no longer belong to any
 * Service. Nothing runs "for" a Service (P4): its only trace on a node is
 * these rules.
 */
import type { ComponentFactory, KubeProxyContext } from '../../spec/components.ts';
import type { EndpointSlice } from '../../spec/objects/endpointslice.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Service } from '../../spec/objects/service.ts';
import { Informer } from '../client/informer.ts';
import { WorkQueue } from '../client/workqueue.ts';
import { renderJumpRules, renderServiceRules, serviceChains } from './service-chains.ts';
import { servicePorts } from './service-ports.ts';

export const KUBE_PROXY_USER = 'system:kube-proxy';

/** What kube-proxy is given: the component contract's context for kube-proxy (spec/components.ts). */
export type KubeProxyDeps = KubeProxyContext;

export class KubeProxy {
  private readonly services: Informer<Service & KubeObject>;
  private readonly slices: Informer<EndpointSlice & KubeObject>;
  private readonly queue: WorkQueue;
  private written: string[] = [];
  private synced = false;
  syncCount = 0;

  constructor(private readonly deps: KubeProxyDeps) {
    this.queue = new WorkQueue(deps.work, async () => this.syncProxyRules());
    const changed = { onAdd: () => this.requestSync(), onUpdate: () => this.requestSync(), onDelete: () => this.requestSync() };
    this.services = new Informer(deps.client, 'services', {}, changed);
    this.slices = new Informer(deps.client, 'endpointslices', {}, changed);
  }

  async start(): Promise<void> {
    // The jumps from PREROUTING/OUTPUT/POSTROUTING are ensured once, outside the restore payload.
    this.deps.iptablesRestore(renderJumpRules(), { noflush: true });
    await this.services.start();
    await this.slices.start();
    // Like kube-proxy, write nothing until both Services and EndpointSlices have been listed.
    this.synced = true;
    this.syncProxyRules();
  }

  stop(): void {
    this.services.stop();
    this.slices.stop();
  }

  private requestSync(): void {
    if (this.synced) this.queue.add('sync');
  }

  private syncProxyRules(): void {
    const ports = servicePorts(this.services.list(), this.slices.list());
    const chains = serviceChains(ports);
    const keep = new Set(chains);
    const stale = this.written.filter((c) => !keep.has(c)).sort();
    const payload = renderServiceRules(ports, { clusterCIDR: this.deps.clusterCIDR, staleChains: stale });
    this.deps.iptablesRestore(payload, { noflush: true });
    this.written = chains;
    this.syncCount++;
  }
}

/** The reference kube-proxy as a swappable component: what a node runs unless a swap replaces it. */
export const referenceKubeProxy: ComponentFactory<KubeProxyContext> = (ctx) => new KubeProxy(ctx);
