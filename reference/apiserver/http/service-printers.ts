/**
 * The columns of `kubectl get services|endpoints|endpointslices`, as
 * Kubernetes' printers (pkg/printers/internalversion/printers.go) make them:
 *
 *   NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   (SELECTOR with -o wide)
 *   kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   5m
 *
 *   NAME   ENDPOINTS                                          AGE
 *   web    10.244.1.2:8080,10.244.2.2:8080,10.244.1.3:8080 + 1 more...   1m
 *
 *   NAME        ADDRESSTYPE   PORTS   ENDPOINTS               AGE
 *   web-7kq2x   IPv4          8080    10.244.1.2,10.244.2.2   1m
 */
import type { Endpoints } from '../../../spec/objects/endpoints.ts';
import type { EndpointSlice } from '../../../spec/objects/endpointslice.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { Service } from '../../../spec/objects/service.ts';
import { AGE, age, col, NAME, type Printer } from './printer-columns.ts';

/** At most three, then ` + N more...`; an empty list is `<unset>` (listWithMoreString). */
function listWithMore(items: string[], unset: string): string {
  if (items.length > 3) return `${items.slice(0, 3).join(',')} + ${items.length - 3} more...`;
  return items.length ? items.join(',') : unset;
}

/** labels.FormatLabels: `app=web,tier=front`, keys sorted; `<none>` when empty. */
function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

/** getServiceExternalIP for the types this cluster has. */
function externalIP(svc: Service & { spec: { externalIPs?: string[]; externalName?: string } }): string {
  const ips = svc.spec.externalIPs ?? [];
  switch (svc.spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ips.length ? ips.join(',') : '<none>';
    case 'LoadBalancer':
      return ips.length ? ips.join(',') : '<pending>';
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export const SERVICES: Printer = {
  columns: [
    NAME,
    col('Type', 'string', 'The type of the service.'),
    col('Cluster-IP', 'string', 'The cluster IP of the service.'),
    col('External-IP', 'string', 'The external IPs of the service.'),
    col('Port(s)', 'string', 'The ports of the service.'),
    AGE,
    col('Selector', 'string', 'The selector of the service.', 1),
  ],
  cells(obj, now) {
    const svc = obj as Service & KubeObject;
    const spec = svc.spec ?? {};
    const ports = (spec.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
    return [svc.metadata.name ?? '', spec.type ?? '', spec.clusterIPs?.[0] ?? spec.clusterIP ?? '<none>', externalIP({ ...svc, spec }), ports || '<none>', age(svc, now), formatLabels(spec.selector)];
  },
};

/** formatEndpoints: `ip:port` for each ready address and port, at most three shown; `<none>` with no subsets. */
function formatEndpoints(eps: Endpoints): string {
  const subsets = eps.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const all = subsets.flatMap((s) =>
    (s.ports ?? []).length === 0 ? (s.addresses ?? []).map((a) => a.ip) : (s.ports ?? []).flatMap((p) => (s.addresses ?? []).map((a) => `${a.ip}:${p.port}`)),
  );
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}

export const ENDPOINTS: Printer = {
  columns: [NAME, col('Endpoints', 'string', 'Endpoints of the service.'), AGE],
  cells: (obj, now) => [obj.metadata.name ?? '', formatEndpoints(obj as Endpoints & KubeObject), age(obj, now)],
};

export const ENDPOINT_SLICES: Printer = {
  columns: [
    NAME,
    col('AddressType', 'string', 'The type of address held in the EndpointSlice.'),
    col('Ports', 'string', 'The ports of the EndpointSlice.'),
    col('Endpoints', 'string', 'The endpoints of the EndpointSlice.'),
    AGE,
  ],
  cells(obj, now) {
    const slice = obj as EndpointSlice & KubeObject;
    const ports = (slice.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : p.name !== undefined ? p.name : '*'));
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses);
    return [slice.metadata.name ?? '', slice.addressType, listWithMore(ports, '<unset>'), listWithMore(addresses, '<unset>'), age(slice, now)];
  },
};
