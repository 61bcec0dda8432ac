/**
 * The endpoints controller (pkg/controller/endpoint): for every Service
 * with a selector it keeps an Endpoints object of the same name listing
 * the pods that match, with their pod IPs and the ports the Service
 * targets. Ready pods go in `addresses`, the others in
 * `notReadyAddresses`; pods without an IP, finished or being deleted are
 * left out. A named targetPort is looked up in each pod's container ports.
 * It acts only through the api-server (C3), as kube-controller-manager.
 */
import type { Endpoints, EndpointAddress, EndpointSubset } from '../../spec/objects/endpoints.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import type { Service, ServicePort } from '../../spec/objects/service.ts';
import { isConflict, isNamespaceTerminating, isNotFound } from '../../spec/objects/status.ts';
import { selectorFromSet, type Selector } from '../api/label-selector.ts';
import { Informer, objectKey } from '../client/informer.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { Controller, ControllerContext } from './controller.ts';

type PodObject = Pod & KubeObject;
type ServiceObject = Service & KubeObject;
type EndpointPort = { name?: string; port: number; protocol: string };

/**
 * The pods a Service selects (labels.SelectorFromSet of spec.selector);
 * undefined for a Service without a selector, whose Endpoints are its
 * user's to write. An empty selector counts as none: Kubernetes stores
 * an empty map as no map at all.
 */
export function serviceSelector(svc: Service): Selector | undefined {
  const set = svc.spec?.selector;
  return set && Object.keys(set).length > 0 ? selectorFromSet(set) : undefined;
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** podutil.FindPort: a number is used as is; a name is looked up among the pod's container ports. */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP')) return p.containerPort;
  }
  return undefined;
}

/** The subsets for a Service over some pods, packed as RepackSubsets does: pods with the same ports share a subset. */
export function endpointSubsets(svc: Service, pods: readonly PodObject[]): EndpointSubset[] {
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const pod of pods) {
    const ip = pod.status?.podIP;
    if (!ip || pod.metadata.deletionTimestamp || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec.ports ?? []) {
      const port = findPort(pod, sp);
      if (port !== undefined) ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' });
    }
    if (ports.length === 0 && (svc.spec.ports ?? []).length > 0) continue;
    ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
    const key = JSON.stringify(ports);
    const group = groups.get(key) ?? { ports, ready: [], notReady: [] };
    groups.set(key, group);
    const address: EndpointAddress = {
      ip,
      ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
    };
    (isPodReady(pod) ? group.ready : group.notReady).push(address);
  }
  const byIP = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => ({
      ...(g.ready.length ? { addresses: g.ready.sort(byIP) } : {}),
      ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIP) } : {}),
      ports: g.ports,
    }));
}

export function endpointsController(ctx: ControllerContext): Controller {
  const queue = new WorkQueue(ctx.work, (key) => sync(key));
  const services = new Informer<ServiceObject>(ctx.client, 'services', {}, {
    onAdd: (s) => queue.add(objectKey(s)),
    onUpdate: (s) => queue.add(objectKey(s)),
    onDelete: (s) => queue.add(objectKey(s)),
  });
  // A pod change concerns every Service in its namespace whose selector matched it before or matches it now.
  const podChanged = (pod: PodObject, old?: PodObject) => {
    for (const s of services.list()) {
      if (s.metadata.namespace !== pod.metadata.namespace) continue;
      const selector = serviceSelector(s);
      if (selector && (selector.matches(pod.metadata.labels) || (old && selector.matches(old.metadata.labels)))) queue.add(objectKey(s));
    }
  };
  const pods = new Informer<PodObject>(ctx.client, 'pods', {}, { onAdd: (p) => podChanged(p), onUpdate: podChanged, onDelete: (p) => podChanged(p) });

  async function sync(key: string): Promise<void> {
    const [namespace, name] = key.split('/') as [string, string];
    const svc = services.get(key);
    if (!svc) {
      try {
        await ctx.client.delete('endpoints', name, { namespace });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      return;
    }
    const selector = serviceSelector(svc);
    if (!selector) return; // Endpoints of a selector-less Service are the user's.
    const members = pods.list().filter((p) => p.metadata.namespace === namespace && selector.matches(p.metadata.labels));
    const subsets = endpointSubsets(svc, members);
    const labels = svc.metadata.labels ?? {};
    let current: (Endpoints & KubeObject) | undefined;
    try {
      current = await ctx.client.get<Endpoints & KubeObject>('endpoints', name, { namespace });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    if (current && JSON.stringify(current.subsets ?? []) === JSON.stringify(subsets) && JSON.stringify(current.metadata.labels ?? {}) === JSON.stringify(labels)) return;
    try {
      if (current) await ctx.client.update('endpoints', { ...current, metadata: { ...current.metadata, labels }, subsets }, { namespace });
      else await ctx.client.create('endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace, labels }, subsets }, { namespace });
    } catch (e) {
      // Someone wrote in between (409): look again. A namespace being deleted takes no new Endpoints: drop it.
      if (isConflict(e)) queue.add(key);
      else if (!isNamespaceTerminating(e)) throw e;
    }
  }

  return {
    name: 'endpoints-controller',
    async start() {
      await pods.start();
      await services.start();
    },
    stop() {
      services.stop();
      pods.stop();
    },
  };
}
