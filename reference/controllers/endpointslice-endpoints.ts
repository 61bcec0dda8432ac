/**
 * What the EndpointSlice controller wants for one Service, before any slice
 * is written (staging/src/k8s.io/endpointslice/utils.go): each pod the
 * selector matches, that has an IP and is not finished, becomes an
 * endpoint with its conditions (ready, serving, terminating), its node, its
 * zone and a reference to the pod; pods are grouped by the ports the
 * Service's ports resolve to on them, since a slice has one list of ports.
 * Unlike the Endpoints controller, a terminating pod stays, marked
 * terminating and not ready, so that consumers can drain it.
 */
import type { Endpoint, EndpointSlicePort } from '../../spec/objects/endpointslice.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import type { Service } from '../../spec/objects/service.ts';
import { findPort, isPodReady } from './endpoints.ts';

export type PodObject = Pod & KubeObject;
export type ServiceObject = Service & KubeObject;

const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** ShouldPodBeInEndpoints(pod, includeTerminating=true): an IP, and not Succeeded or Failed. */
export function shouldPodBeInSlices(pod: Pod): boolean {
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return false;
  return Boolean(pod.status?.podIP || pod.status?.podIPs?.length);
}

/** The pod's IPv4 addresses (getEndpointAddresses): this cluster is single-stack IPv4, as its Services' ipFamilies default to. */
function ipv4Addresses(pod: Pod): string[] {
  const ips = pod.status?.podIPs?.length ? pod.status.podIPs.map((p) => p.ip) : [pod.status?.podIP ?? ''];
  return ips.filter((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip));
}

/**
 * podToEndpoint: serving is the pod's Ready condition; terminating is its
 * deletionTimestamp; ready is serving and not terminating. Example: a
 * Ready pod being deleted is {ready: false, serving: true, terminating: true}.
 */
export function podToEndpoint(pod: PodObject, node: Node | undefined): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const zone = node?.metadata.labels?.[ZONE_LABEL];
  return {
    addresses: ipv4Addresses(pod),
    conditions: { ready: serving && !terminating, serving, terminating },
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    ...(zone ? { zone } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
}

/** getEndpointPorts: each Service port the pod has a port for, with the Service port's name and protocol. */
export function endpointPorts(svc: Service, pod: Pod): EndpointSlicePort[] {
  const out: EndpointSlicePort[] = [];
  for (const sp of svc.spec.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' });
  }
  return out;
}

/** NewPortMapKey: the same ports in any order give the same key. */
export function portKey(ports: readonly EndpointSlicePort[] | undefined): string {
  return JSON.stringify((ports ?? []).map((p) => [p.name ?? '', p.protocol ?? 'TCP', p.port ?? null]).sort());
}

/** hashEndpoint: an endpoint is the same one while its addresses and the pod it refers to are. */
export function endpointKey(ep: Endpoint): string {
  return JSON.stringify([[...ep.addresses].sort(), ep.hostname ?? '', ep.targetRef?.namespace ?? '', ep.targetRef?.name ?? '']);
}

/** EndpointsEqualBeyondHash: the same node, zone, conditions and pod (uid included). */
export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  const c = (e: Endpoint) => [e.nodeName, e.zone, e.conditions?.ready, e.conditions?.serving, e.conditions?.terminating, e.targetRef?.kind, e.targetRef?.uid];
  return JSON.stringify(c(a)) === JSON.stringify(c(b)) && endpointKey(a) === endpointKey(b);
}

export interface DesiredGroup {
  ports: EndpointSlicePort[];
  /** By endpointKey, in the order they are to be placed (by pod name). */
  endpoints: Map<string, Endpoint>;
}

export interface Desired {
  /** By portKey. */
  groups: Map<string, DesiredGroup>;
  /** Pods left out because their node is unknown (the controller tries again when nodes change). */
  skipped: string[];
}

/** The endpoints a Service's selected pods make, grouped by their resolved ports. `nodes` answers undefined for a node not (yet) known. */
export function desiredEndpoints(svc: ServiceObject, pods: readonly PodObject[], nodes: (name: string) => Node | undefined): Desired {
  const groups = new Map<string, DesiredGroup>();
  const skipped: string[] = [];
  const byName = [...pods].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  for (const pod of byName) {
    if (!shouldPodBeInSlices(pod)) continue;
    const node = pod.spec.nodeName ? nodes(pod.spec.nodeName) : undefined;
    if (pod.spec.nodeName && !node) {
      skipped.push(pod.metadata.name ?? '');
      continue;
    }
    const ports = endpointPorts(svc, pod);
    const key = portKey(ports);
    const group = groups.get(key) ?? { ports, endpoints: new Map<string, Endpoint>() };
    groups.set(key, group);
    const ep = podToEndpoint(pod, node);
    if (ep.addresses.length > 0) group.endpoints.set(endpointKey(ep), ep);
  }
  return { groups, skipped };
}
