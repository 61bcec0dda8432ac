/**
 * Where each kind lives in the store: the `/registry/...` keys a real
 * kube-apiserver writes to etcd (pkg/registry/<group>/<kind>/storage), which
 * a cluster's store log ('store-audit', spec/adapter.ts StoreAccess.key)
 * must use, so scenarios can tell which object an access touched.
 *
 *   namespaced:       /registry/<prefix>/<namespace>/<name>   e.g. /registry/pods/default/web
 *   cluster-scoped:   /registry/<prefix>/<name>               e.g. /registry/minions/worker-1
 *   a whole kind:     /registry/<prefix>/  (a range or a watch over it; with a namespace, /registry/<prefix>/<namespace>/)
 */

/** The prefix of each resource under /registry. Nodes are `minions` and Services `services/specs`, as in Kubernetes. */
export const STORE_KEY_PREFIX = {
  namespaces: 'namespaces',
  pods: 'pods',
  nodes: 'minions',
  services: 'services/specs',
  endpoints: 'services/endpoints',
  endpointslices: 'endpointslices',
  events: 'events',
  secrets: 'secrets',
  configmaps: 'configmaps',
  serviceaccounts: 'serviceaccounts',
  leases: 'leases',
  replicasets: 'replicasets',
  deployments: 'deployments',
  roles: 'roles',
  rolebindings: 'rolebindings',
  clusterroles: 'clusterroles',
  clusterrolebindings: 'clusterrolebindings',
  poddisruptionbudgets: 'poddisruptionbudgets',
} as const satisfies Record<string, string>;

export type StoredResource = keyof typeof STORE_KEY_PREFIX;

/** The key of one object (namespace undefined for a cluster-scoped kind), or with no name the prefix to range over. */
export function storeKey(resource: StoredResource, namespace: string | undefined, name?: string): string {
  const base = `/registry/${STORE_KEY_PREFIX[resource]}/`;
  if (namespace === undefined) return name === undefined ? base : base + name;
  return name === undefined ? `${base}${namespace}/` : `${base}${namespace}/${name}`;
}
