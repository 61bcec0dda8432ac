/**
 * From API objects to what kube-proxy programs: each port of each Service
 * that has a cluster IP, with the endpoints its EndpointSlices list for that
 * port (kube-proxy's ServiceChangeTracker and EndpointSliceCache). The
 * slices of a Service are found by their `kubernetes.io/service-name`
 * label and merged, one endpoint per address and port. Traffic goes to the
 * ready endpoints; only when none is ready, to those still serving while
 * they terminate (CategorizeEndpoints), so a Service whose pods are all
 * shutting down keeps answering until they are gone. A Service without a
 * cluster IP (headless, ExternalName) gets no rules at all.
 */
import { LABEL_SERVICE_NAME, type Endpoint, type EndpointSlice } from '../../spec/objects/endpointslice.ts';
import type { Service } from '../../spec/objects/service.ts';
import { servicePortName } from './chain-names.ts';
import type { Protocol, ServicePortInfo } from './service-chains.ts';

/** kube-proxy's default for sessionAffinityConfig.clientIP.timeoutSeconds (3 hours). */
export const DEFAULT_AFFINITY_SECONDS = 10800;

export function hasClusterIP(svc: Service): boolean {
  const ip = svc.spec.clusterIP;
  return !!ip && ip !== 'None' && svc.spec.type !== 'ExternalName';
}

/** An endpoint as kube-proxy keeps it: unset ready and serving count as true, unset terminating as false. */
interface ProxyEndpoint {
  address: string;
  ready: boolean;
  servingTerminating: boolean;
}

function proxyEndpoint(ep: Endpoint, port: number): ProxyEndpoint {
  const serving = ep.conditions?.serving ?? true;
  return { address: `${ep.addresses[0]}:${port}`, ready: ep.conditions?.ready ?? true, servingTerminating: serving && ep.conditions?.terminating === true };
}

/** EndpointSliceCache: `ns/name` -> `portName/protocol` -> endpoints by address, slices taken in name order. */
function endpointsByServicePort(slices: readonly EndpointSlice[]): Map<string, Map<string, Map<string, ProxyEndpoint>>> {
  const out = new Map<string, Map<string, Map<string, ProxyEndpoint>>>();
  const byName = [...slices].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  for (const slice of byName) {
    const service = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!service || slice.addressType !== 'IPv4') continue;
    const key = `${slice.metadata.namespace ?? 'default'}/${service}`;
    const ports = out.get(key) ?? new Map<string, Map<string, ProxyEndpoint>>();
    out.set(key, ports);
    for (const p of slice.ports ?? []) {
      if (p.name === undefined || !p.port) continue;
      const portKey = `${p.name}/${p.protocol ?? 'TCP'}`;
      const set = ports.get(portKey) ?? new Map<string, ProxyEndpoint>();
      ports.set(portKey, set);
      for (const ep of slice.endpoints ?? []) {
        if (ep.addresses.length === 0) continue;
        const e = proxyEndpoint(ep, p.port);
        set.set(e.address, e);
      }
    }
  }
  return out;
}

/** The endpoints cluster traffic goes to: the ready ones, or failing those the serving ones that terminate. */
function clusterEndpoints(all: Iterable<ProxyEndpoint>): string[] {
  const list = [...all];
  const ready = list.filter((e) => e.ready);
  return (ready.length > 0 ? ready : list.filter((e) => e.servingTerminating)).map((e) => e.address);
}

export function servicePorts(services: readonly Service[], slices: readonly EndpointSlice[]): ServicePortInfo[] {
  const endpoints = endpointsByServicePort(slices);
  const out: ServicePortInfo[] = [];
  for (const svc of services) {
    if (!hasClusterIP(svc)) continue;
    const ns = svc.metadata.namespace ?? 'default';
    const name = svc.metadata.name ?? '';
    for (const port of svc.spec.ports ?? []) {
      const protocol: Protocol = port.protocol ?? 'TCP';
      out.push({
        name: servicePortName(ns, name, port.name),
        protocol,
        clusterIP: svc.spec.clusterIP!,
        port: port.port,
        endpoints: clusterEndpoints(endpoints.get(`${ns}/${name}`)?.get(`${port.name ?? ''}/${protocol}`)?.values() ?? []),
        ...(svc.spec.sessionAffinity === 'ClientIP'
          ? { affinitySeconds: svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS }
          : {}),
      });
    }
  }
  return out;
}
