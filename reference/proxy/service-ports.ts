/**
 * From API objects to what kube-proxy programs: each port of each Service
 * that has a cluster IP, with the ready addresses its Endpoints list for
 * that port (kube-proxy's ServiceChangeTracker and EndpointsChangeTracker).
 * Not-ready addresses get no rules; a Service without a cluster IP
 * (headless, ExternalName) gets none at all.
 */
import type { Endpoints } from '../../spec/objects/endpoints.ts';
import type { Service } from '../../spec/objects/service.ts';
import { servicePortName } from './chain-names.ts';
import type { Protocol, ServicePortInfo } from './service-chains.ts';

/** kube-proxy's default for sessionAffinityConfig.clientIP.timeoutSeconds (3 hours). */
export const DEFAULT_AFFINITY_SECONDS = 10800;

export function hasClusterIP(svc: Service): boolean {
  const ip = svc.spec.clusterIP;
  return !!ip && ip !== 'None' && svc.spec.type !== 'ExternalName';
}

export function servicePorts(services: readonly Service[], endpoints: readonly Endpoints[]): ServicePortInfo[] {
  const byName = new Map(endpoints.map((e) => [`${e.metadata.namespace ?? 'default'}/${e.metadata.name}`, e]));
  const out: ServicePortInfo[] = [];
  for (const svc of services) {
    if (!hasClusterIP(svc)) continue;
    const ns = svc.metadata.namespace ?? 'default';
    const name = svc.metadata.name ?? '';
    const eps = byName.get(`${ns}/${name}`);
    for (const port of svc.spec.ports ?? []) {
      const protocol: Protocol = port.protocol ?? 'TCP';
      const ready: string[] = [];
      for (const subset of eps?.subsets ?? []) {
        for (const p of subset.ports ?? []) {
          if ((p.name ?? '') !== (port.name ?? '') || (p.protocol ?? 'TCP') !== protocol || !(p.port > 0)) continue;
          for (const a of subset.addresses ?? []) if (a.ip) ready.push(`${a.ip}:${p.port}`);
        }
      }
      out.push({
        name: servicePortName(ns, name, port.name),
        protocol,
        clusterIP: svc.spec.clusterIP!,
        port: port.port,
        endpoints: ready,
        ...(svc.spec.sessionAffinity === 'ClientIP'
          ? { affinitySeconds: svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS }
          : {}),
      });
    }
  }
  return out;
}
