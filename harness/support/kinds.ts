/**
 * How the suite names kinds in prose ("config map", "cluster role
 * binding") and the REST resource each one is served as: the same mapping
 * kubectl makes from a manifest's kind.
 */
import type { KubeObject } from '../../spec/objects/meta.ts';

export interface Kind {
  readonly kind: string;
  readonly resource: string;
  readonly namespaced: boolean;
}

const KINDS: Record<string, Kind> = {
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
  'endpoint slice': { kind: 'EndpointSlice', resource: 'endpointslices', namespaced: true },
  lease: { kind: 'Lease', resource: 'leases', namespaced: true },
  event: { kind: 'Event', resource: 'events', namespaced: true },
  'replica set': { kind: 'ReplicaSet', resource: 'replicasets', namespaced: true },
  deployment: { kind: 'Deployment', resource: 'deployments', namespaced: true },
  'pod disruption budget': { kind: 'PodDisruptionBudget', resource: 'poddisruptionbudgets', namespaced: true },
};

/** The words of a kind in prose, singular or plural ("config map", "config maps"), as one regexp alternation. */
export const KIND_WORDS = `(?:${Object.keys(KINDS).sort((a, b) => b.length - a.length).join('|')})s?`;

/** "config map" or "config maps" -> ConfigMap. */
export function kindOfWords(words: string): Kind {
  const found = KINDS[words] ?? KINDS[words.replace(/s$/, '')];
  if (!found) throw new Error(`Expected a kind (${Object.keys(KINDS).join(', ')}), got "${words}"`);
  return found;
}

export function kindOfManifest(kind: string | undefined): Kind {
  const found = Object.values(KINDS).find((k) => k.kind === kind);
  if (!found) throw new Error(`Expected a manifest kind the suite knows (${Object.values(KINDS).map((k) => k.kind).join(', ')}), got ${kind}`);
  return found;
}

/** An object named in prose: `config map "settings"`, `namespace "kube-system"`, `pod "web" in namespace "prod"`. */
export interface ObjectRef {
  readonly kind: Kind;
  readonly name: string;
  /** For a namespaced kind: the namespace named, or `default`. */
  readonly namespace?: string;
}

export function objectRef(words: string, name: string, namespace?: string): ObjectRef {
  const kind = kindOfWords(words);
  if (!kind.namespaced && namespace) throw new Error(`A ${words} belongs to no namespace, yet the step names "${namespace}"`);
  return kind.namespaced ? { kind, name, namespace: namespace ?? 'default' } : { kind, name };
}

/** Where a manifest goes: its resource and, for namespaced kinds, its namespace (default when it names none). */
export function target(obj: KubeObject): { resource: string; namespace?: string } {
  const { resource, namespaced } = kindOfManifest(obj.kind);
  return namespaced ? { resource, namespace: obj.metadata.namespace ?? 'default' } : { resource };
}
