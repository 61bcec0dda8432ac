import { STORE_KEY_PREFIX, storeKey, type StoredResource } from '../../../spec/store-keys.ts';

/**
 * The kinds the api-server serves and where each lives in the store
 * (the same `/registry/...` keys a real api-server writes to etcd).
 */
export interface ResourceInfo {
  resource: string;
  kind: string;
  group: string;
  version: string;
  namespaced: boolean;
  /** Key prefix under /registry: the contract's (spec/store-keys.ts). */
  storagePrefix: string;
  subresources: readonly string[];
  shortNames: readonly string[];
  /** The verbs served on it, when not every one is: an access review is only ever created, never stored. */
  verbs?: readonly string[];
}

/** What a kind with no storage of its own (the access reviews) serves: a create, answered at once. */
const CREATE_ONLY = ['create'] as const;

const table: ResourceInfo[] = [
  { resource: 'namespaces', kind: 'Namespace', group: '', version: 'v1', namespaced: false, storagePrefix: STORE_KEY_PREFIX.namespaces, subresources: ['status', 'finalize'], shortNames: ['ns'] },
  { resource: 'pods', kind: 'Pod', group: '', version: 'v1', namespaced: true, storagePrefix: STORE_KEY_PREFIX.pods, subresources: ['status', 'binding', 'eviction'], shortNames: ['po'] },
  { resource: 'nodes', kind: 'Node', group: '', version: 'v1', namespaced: false, storagePrefix: STORE_KEY_PREFIX.nodes, subresources: ['status'], shortNames: ['no'] },
  { resource: 'services', kind: 'Service', group: '', version: 'v1', namespaced: true, storagePrefix: STORE_KEY_PREFIX.services, subresources: ['status'], shortNames: ['svc'] },
  { resource: 'endpoints', kind: 'Endpoints', group: '', version: 'v1', namespaced: true, storagePrefix: STORE_KEY_PREFIX.endpoints, subresources: [], shortNames: ['ep'] },
  { resource: 'endpointslices', kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', namespaced: true, storagePrefix: STORE_KEY_PREFIX.endpointslices, subresources: [], shortNames: [] },
  { resource: 'events', kind: 'Event', group: '', version: 'v1', namespaced: true, storagePrefix: STORE_KEY_PREFIX.events, subresources: [], shortNames: ['ev'] },
  { resource: 'secrets', kind: 'Secret', group: '', version: 'v1', namespaced: true, storagePrefix: STORE_KEY_PREFIX.secrets, subresources: [], shortNames: [] },
  { resource: 'configmaps', kind: 'ConfigMap', group: '', version: 'v1', namespaced: true, storagePrefix: STORE_KEY_PREFIX.configmaps, subresources: [], shortNames: ['cm'] },
  { resource: 'serviceaccounts', kind: 'ServiceAccount', group: '', version: 'v1', namespaced: true, storagePrefix: STORE_KEY_PREFIX.serviceaccounts, subresources: [], shortNames: ['sa'] },
  { resource: 'leases', kind: 'Lease', group: 'coordination.k8s.io', version: 'v1', namespaced: true, storagePrefix: STORE_KEY_PREFIX.leases, subresources: [], shortNames: [] },
  { resource: 'replicasets', kind: 'ReplicaSet', group: 'apps', version: 'v1', namespaced: true, storagePrefix: STORE_KEY_PREFIX.replicasets, subresources: ['status', 'scale'], shortNames: ['rs'] },
  { resource: 'deployments', kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true, storagePrefix: STORE_KEY_PREFIX.deployments, subresources: ['status', 'scale'], shortNames: ['deploy'] },
  { resource: 'roles', kind: 'Role', group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: true, storagePrefix: STORE_KEY_PREFIX.roles, subresources: [], shortNames: [] },
  { resource: 'rolebindings', kind: 'RoleBinding', group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: true, storagePrefix: STORE_KEY_PREFIX.rolebindings, subresources: [], shortNames: [] },
  { resource: 'clusterroles', kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: false, storagePrefix: STORE_KEY_PREFIX.clusterroles, subresources: [], shortNames: [] },
  { resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: false, storagePrefix: STORE_KEY_PREFIX.clusterrolebindings, subresources: [], shortNames: [] },
  { resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', group: 'policy', version: 'v1', namespaced: true, storagePrefix: STORE_KEY_PREFIX.poddisruptionbudgets, subresources: ['status'], shortNames: ['pdb'] },
  { resource: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', group: 'authorization.k8s.io', version: 'v1', namespaced: false, storagePrefix: '', subresources: [], shortNames: [], verbs: CREATE_ONLY },
  { resource: 'subjectaccessreviews', kind: 'SubjectAccessReview', group: 'authorization.k8s.io', version: 'v1', namespaced: false, storagePrefix: '', subresources: [], shortNames: [], verbs: CREATE_ONLY },
];

export const RESOURCES: ReadonlyMap<string, ResourceInfo> = new Map(table.map((r) => [r.resource, r]));

/** Whether the resource serves this verb (every verb unless its entry says otherwise). */
export function serves(r: ResourceInfo, verb: string): boolean {
  return r.verbs === undefined || r.verbs.includes(verb);
}

/** The resources kept in the store, which can be listed, watched and deleted. */
export const STORED_RESOURCES: readonly string[] = table.filter((r) => r.verbs === undefined).map((r) => r.resource);

export function apiVersionOf(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `/registry/pods/default/web`, `/registry/minions/worker-1`; without a name, the prefix to range over. */
export function storageKey(r: ResourceInfo, namespace: string | undefined, name?: string): string {
  return storeKey(r.resource as StoredResource, r.namespaced ? namespace : undefined, name);
}
