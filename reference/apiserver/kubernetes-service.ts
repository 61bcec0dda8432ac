/**
 * The default `kubernetes` Service, kept by the api-server itself
 * (pkg/controlplane/controller/kubernetesservice and the endpoint
 * reconciler of pkg/controlplane/reconcilers): in namespace `default`, with
 * the first address of the service range as its cluster IP, port 443 named
 * `https` forwarding to the api-server's secure port, and no selector;
 * its Endpoints and its EndpointSlice (both named `kubernetes`) list the
 * address every api-server advertises. So a pod reaches the api-server at
 * https://kubernetes.default (10.96.0.1:443), through kube-proxy's rules
 * like any Service.
 *
 * Written at every start, as Kubernetes' bootstrap controller does: the
 * Service only if it is absent (a restart on a persisted store finds it and
 * leaves it be); this api-server's address is added to the endpoints if
 * missing. Kubernetes drops the address of an api-server whose lease
 * expired; with no api-server leases here, an address stays once written.
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { Endpoints } from '../../spec/objects/endpoints.ts';
import { LABEL_SERVICE_NAME, type EndpointSlice } from '../../spec/objects/endpointslice.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { isAlreadyExists, isNotFound, retryOnConflict } from '../../spec/objects/status.ts';
import { cidrHost } from '../api/cidr.ts';
import { createIfAbsent } from '../client/create-if-absent.ts';

export const KUBERNETES_SERVICE = { name: 'kubernetes', namespace: 'default' } as const;
/** The Endpoints label that keeps the EndpointSliceMirroring controller off them (discovery.LabelSkipMirror). */
const SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';

export interface KubernetesServiceOptions {
  /** --service-cluster-ip-range: the Service gets its first address. */
  serviceCIDR: string;
  /** --advertise-address: where the other components (and pods, through the Service) reach this api-server. */
  advertiseAddress: string;
  /** --secure-port. @default 6443 */
  securePort: number;
}

const ns = { namespace: KUBERNETES_SERVICE.namespace };
const port = (securePort: number) => ({ name: 'https', port: securePort, protocol: 'TCP' as const });

/** The Service as CreateOrUpdateMasterServiceIfNeeded makes it. */
export function kubernetesService(opts: KubernetesServiceOptions): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { ...KUBERNETES_SERVICE, labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: cidrHost(opts.serviceCIDR, 1),
      sessionAffinity: 'None',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: opts.securePort }],
    },
  };
}

async function getOrUndefined<T extends KubeObject>(client: ApiClient, resource: string): Promise<T | undefined> {
  try {
    return await client.get<T>(resource, KUBERNETES_SERVICE.name, ns);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

const sortedIPs = (ips: Iterable<string>) => [...new Set(ips)].sort();

/** EndpointsAdapter.Sync: the Endpoints with one subset of these addresses on the https port. */
async function syncEndpoints(client: ApiClient, opts: KubernetesServiceOptions): Promise<void> {
  const current = await getOrUndefined<Endpoints & KubeObject>(client, 'endpoints');
  const ips = sortedIPs([...(current?.subsets?.[0]?.addresses ?? []).map((a) => a.ip), opts.advertiseAddress]);
  const subsets = [{ addresses: ips.map((ip) => ({ ip })), ports: [port(opts.securePort)] }];
  const labels = { [SKIP_MIRROR]: 'true' };
  if (current && JSON.stringify(current.subsets) === JSON.stringify(subsets) && JSON.stringify(current.metadata.labels) === JSON.stringify(labels)) return;
  const body = { apiVersion: 'v1', kind: 'Endpoints', metadata: { ...(current?.metadata ?? KUBERNETES_SERVICE), labels }, subsets };
  if (current) await client.update('endpoints', body, ns);
  else await client.create('endpoints', body, ns);
}

/** The EndpointSlice `kubernetes`: the same addresses, each a ready endpoint. */
async function syncSlice(client: ApiClient, opts: KubernetesServiceOptions): Promise<void> {
  const current = await getOrUndefined<EndpointSlice & KubeObject>(client, 'endpointslices');
  const ips = sortedIPs([...(current?.endpoints ?? []).flatMap((e) => e.addresses), opts.advertiseAddress]);
  const endpoints = ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } }));
  // Every api-server of a cluster serves on the same port; one started again on another port rewrites it, as the reconciler does.
  const ports = [port(opts.securePort)];
  const labels = { [LABEL_SERVICE_NAME]: KUBERNETES_SERVICE.name };
  if (current && JSON.stringify(current.endpoints) === JSON.stringify(endpoints) && JSON.stringify(current.ports) === JSON.stringify(ports) && JSON.stringify(current.metadata.labels) === JSON.stringify(labels)) return;
  const body = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { ...(current?.metadata ?? KUBERNETES_SERVICE), labels }, addressType: 'IPv4' as const, endpoints, ports };
  if (current) await client.update('endpointslices', body, ns);
  else await client.create('endpointslices', body, ns);
}

/** Creates the Service if absent and adds this api-server to its endpoints; safe to run at every start, by every api-server. */
export async function ensureKubernetesService(client: ApiClient, opts: KubernetesServiceOptions): Promise<void> {
  // Looked up first, as Kubernetes' controller asks its lister: creating it again would try to take its cluster IP twice.
  if (!(await getOrUndefined(client, 'services'))) await createIfAbsent(() => client.create('services', kubernetesService(opts), ns));
  // Another api-server of the control plane may write at the same moment: a conflict or a lost race to create means look again.
  const again = async (sync: () => Promise<void>) => retryOnConflict(async () => {
    try {
      await sync();
    } catch (e) {
      if (isAlreadyExists(e)) throw Object.assign(e as object, { code: 409, reason: 'Conflict' });
      throw e;
    }
  });
  await again(() => syncEndpoints(client, opts));
  await again(() => syncSlice(client, opts));
}
