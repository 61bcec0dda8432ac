/**
 * How the suite names kinds in prose ("config map", "cluster role
 * binding") and the REST resource each one is served as: the same mapping
 * kubectl makes from a manifest's kind.
 */
import type { KubeObject } from '../../spec/objects/meta.ts';

const KINDS: Record<string, { kind: string; resource: string; namespaced: boolean }> = {
  pod: { kind: 'Pod', resource: 'pods', namespaced: true },
  node: { kind: 'Node', resource: 'nodes', namespaced: false },
  namespace: { kind: 'Namespace', resource: 'namespaces', namespaced: false },
  secret: { kind: 'Secret', resource: 'secrets', namespaced: true },
  'config map': { kind: 'ConfigMap', resource: 'configmaps', namespaced: true },
  'service account': { kind: 'ServiceAccount', resource: 'serviceaccounts', namespaced: true },
  role: { kind: 'Role', resource: 'roles', namespaced: true },
  'role binding': { kind: 'RoleBinding', resource: 'rolebindings', namespaced: true },
  'cluster role': { kind: 'ClusterRole', resource: 'clusterroles', namespaced: false },
  'cluster role binding': { kind: 'ClusterRoleBinding', resource: 'clusterrolebindings', namespaced: false },
  service: { kind: 'Service', resource: 'services', namespaced: true },
  endpoints: { kind: 'Endpoints', resource: 'endpoints', namespaced: true },
  lease: { kind: 'Lease', resource: 'leases', namespaced: true },
  event: { kind: 'Event', resource: 'events', namespaced: true },
  'replica set': { kind: 'ReplicaSet', resource: 'replicasets', namespaced: true },
};

/** The words of a kind in prose, for step patterns. */
export const KIND_WORDS = Object.keys(KINDS).sort((a, b) => b.length - a.length).join('|');

export function resourceOfWords(words: string): { kind: string; resource: string; namespaced: boolean } {
  const found = KINDS[words.replace(/s$/, '')] ?? KINDS[words];
  if (!found) throw new Error(`Expected a kind (${Object.keys(KINDS).join(', ')}), got "${words}"`);
  return found;
}

export function resourceOfKind(kind: string | undefined): { kind: string; resource: string; namespaced: boolean } {
  const found = Object.values(KINDS).find((k) => k.kind === kind);
  if (!found) throw new Error(`Expected a manifest kind the suite knows (${Object.values(KINDS).map((k) => k.kind).join(', ')}), got ${kind}`);
  return found;
}

/** Where a manifest goes: its resource and, for namespaced kinds, its namespace (default when it names none). */
export function target(obj: KubeObject): { resource: string; namespace?: string } {
  const { resource, namespaced } = resourceOfKind(obj.kind);
  return namespaced ? { resource, namespace: obj.metadata.namespace ?? 'default' } : { resource };
}
