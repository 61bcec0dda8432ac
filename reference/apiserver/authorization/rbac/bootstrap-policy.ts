/**
 * The roles and bindings every cluster starts with, after Kubernetes'
 * bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy): the
 * admin group gets everything; each control-plane component gets what its
 * work needs and nothing more.
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule } from '../../../../spec/objects/rbac.ts';
import { RBAC_API_VERSION } from '../../../../spec/objects/rbac.ts';
import { READ, READ_WRITE, rule } from './rules.ts';

const EVENTS = rule(['create', 'update', 'patch'], ['', 'events.k8s.io'], ['events']);

/** What the Node authorizer grants a kubelet before node restriction narrows it to its own objects (NodeRules). */
export const NODE_RULES: PolicyRule[] = [
  rule(['create'], 'authentication.k8s.io', ['tokenreviews']),
  rule(['create'], 'authorization.k8s.io', ['subjectaccessreviews', 'localsubjectaccessreviews']),
  rule(READ, '', ['services']),
  rule(['create', 'get', 'list', 'watch'], '', ['nodes']),
  rule(['update', 'patch'], '', ['nodes/status']),
  rule(['update', 'patch'], '', ['nodes']),
  EVENTS,
  rule(READ, '', ['pods']),
  rule(['create', 'delete'], '', ['pods']),
  rule(['update', 'patch'], '', ['pods/status']),
  rule(['create'], '', ['pods/eviction']),
  rule(READ, '', ['secrets', 'configmaps']),
  rule(['get'], '', ['persistentvolumeclaims', 'persistentvolumes', 'endpoints']),
  rule(['get', 'create', 'update', 'patch', 'delete'], 'coordination.k8s.io', ['leases']),
  rule(['create'], '', ['serviceaccounts/token']),
];

const SCHEDULER_RULES: PolicyRule[] = [
  EVENTS,
  rule(['create'], 'coordination.k8s.io', ['leases']),
  rule(['get', 'update'], 'coordination.k8s.io', ['leases'], ['kube-scheduler']),
  rule(READ, '', ['nodes']),
  rule([...READ, 'delete'], '', ['pods']),
  rule(['create'], '', ['bindings', 'pods/binding']),
  // PodScheduled=False with reason Unschedulable is written through pods/status.
  rule(['patch', 'update'], '', ['pods/status']),
  rule(READ, '', ['replicationcontrollers', 'services', 'namespaces', 'persistentvolumeclaims', 'persistentvolumes']),
  rule(READ, 'apps', ['replicasets', 'statefulsets']),
  rule(READ, 'policy', ['poddisruptionbudgets']),
  rule(READ, 'storage.k8s.io', ['csinodes', 'csidrivers', 'csistoragecapacities', 'storageclasses']),
  rule(['create'], 'authentication.k8s.io', ['tokenreviews']),
  rule(['create'], 'authorization.k8s.io', ['subjectaccessreviews']),
];

/**
 * In Kubernetes each controller runs under its own service account
 * (system:controller:node-controller, ...:replicaset-controller, ...) with
 * its own role, and kube-controller-manager's own role only lets it start
 * them. Here every controller acts as the one user
 * system:kube-controller-manager (one process, one identity, C8), so this
 * role is the union of what the controllers we run need: node lifecycle,
 * taint eviction, ReplicaSet, deployment, endpoints, EndpointSlices,
 * service accounts, disruption and namespace.
 */
const CONTROLLER_MANAGER_RULES: PolicyRule[] = [
  EVENTS,
  rule([...READ, 'update', 'patch'], '', ['nodes', 'nodes/status']),
  rule([...READ, 'create', 'delete'], '', ['pods']),
  rule(['update', 'patch'], '', ['pods/status']),
  rule([...READ, 'create', 'update', 'patch', 'delete'], 'apps', ['replicasets']),
  rule(['update', 'patch'], 'apps', ['replicasets/status', 'replicasets/scale']),
  rule([...READ, 'update', 'patch'], 'apps', ['deployments']),
  rule(['update', 'patch'], 'apps', ['deployments/status']),
  rule([...READ, 'create', 'update', 'patch', 'delete'], '', ['endpoints']),
  rule([...READ, 'create', 'update', 'patch', 'delete'], 'discovery.k8s.io', ['endpointslices']),
  rule(READ, '', ['services', 'namespaces']),
  rule([...READ, 'create', 'update'], '', ['serviceaccounts']),
  rule(READ, 'coordination.k8s.io', ['leases']),
  // disruption: budgets and their status, and the scale of whatever controls their pods.
  rule(READ, 'policy', ['poddisruptionbudgets']),
  rule(['update'], 'policy', ['poddisruptionbudgets/status']),
  rule(['get'], '*', ['*/scale']),
  // namespace: a deleted namespace's contents, whatever their kind, then its status and finalizer.
  rule(['get', 'list', 'watch', 'delete'], '', ['namespaces']),
  rule(['update'], '', ['namespaces/finalize', 'namespaces/status']),
  rule(['get', 'list', 'delete', 'deletecollection'], '*', ['*']),
];

/** What every signed-in user may ask: whether they may do something (system:basic-user). */
const BASIC_USER_RULES: PolicyRule[] = [rule(['create'], 'authorization.k8s.io', ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'])];

const NODE_PROXIER_RULES: PolicyRule[] = [
  rule(['list', 'watch'], '', ['services', 'endpoints']),
  rule(READ, '', ['nodes']),
  rule(['list', 'watch'], 'discovery.k8s.io', ['endpointslices']),
  EVENTS,
];

const OUR_KINDS_CORE = ['pods', 'services', 'endpoints', 'configmaps', 'secrets', 'serviceaccounts', 'events'];

const VIEW_RULES: PolicyRule[] = [
  rule(READ, '', ['pods', 'pods/status', 'services', 'endpoints', 'configmaps', 'serviceaccounts', 'events', 'namespaces']),
  rule(READ, 'apps', ['replicasets', 'replicasets/scale', 'replicasets/status']),
  rule(READ, 'apps', ['deployments', 'deployments/scale', 'deployments/status']),
  rule(READ, 'discovery.k8s.io', ['endpointslices']),
  rule(READ, 'policy', ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
];

const EDIT_RULES: PolicyRule[] = [
  rule(READ_WRITE, '', OUR_KINDS_CORE.filter((r) => r !== 'events')),
  rule(READ, '', ['events', 'namespaces', 'pods/status']),
  rule(READ_WRITE, 'apps', ['replicasets', 'replicasets/scale']),
  rule(READ, 'apps', ['replicasets/status']),
  rule(READ_WRITE, 'apps', ['deployments', 'deployments/scale']),
  rule(READ, 'apps', ['deployments/status']),
  rule(READ, 'discovery.k8s.io', ['endpointslices']),
  rule(['create'], '', ['pods/eviction']),
  rule(READ_WRITE, 'policy', ['poddisruptionbudgets']),
  rule(READ, 'policy', ['poddisruptionbudgets/status']),
];

const ADMIN_RULES: PolicyRule[] = [
  ...EDIT_RULES,
  rule(READ_WRITE, 'rbac.authorization.k8s.io', ['roles', 'rolebindings']),
  rule(['create'], 'authorization.k8s.io', ['localsubjectaccessreviews']),
];

const labels = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const annotations = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

function clusterRole(name: string, rules: PolicyRule[]): ClusterRole {
  return { apiVersion: RBAC_API_VERSION, kind: 'ClusterRole', metadata: { name, labels, annotations }, rules };
}

function binding(name: string, subjects: ClusterRoleBinding['subjects']): ClusterRoleBinding {
  return {
    apiVersion: RBAC_API_VERSION,
    kind: 'ClusterRoleBinding',
    metadata: { name, labels, annotations },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects,
  };
}

const user = (name: string) => ({ kind: 'User' as const, apiGroup: 'rbac.authorization.k8s.io', name });
const group = (name: string) => ({ kind: 'Group' as const, apiGroup: 'rbac.authorization.k8s.io', name });

export const BOOTSTRAP_CLUSTER_ROLES: readonly ClusterRole[] = [
  clusterRole('cluster-admin', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }]),
  clusterRole('admin', ADMIN_RULES),
  clusterRole('edit', EDIT_RULES),
  clusterRole('view', VIEW_RULES),
  clusterRole('system:kube-scheduler', SCHEDULER_RULES),
  clusterRole('system:kube-controller-manager', CONTROLLER_MANAGER_RULES),
  clusterRole('system:node-proxier', NODE_PROXIER_RULES),
  clusterRole('system:node', NODE_RULES),
  clusterRole('system:basic-user', BASIC_USER_RULES),
];

export const BOOTSTRAP_CLUSTER_ROLE_BINDINGS: readonly ClusterRoleBinding[] = [
  binding('cluster-admin', [group('system:masters')]),
  binding('system:kube-scheduler', [user('system:kube-scheduler')]),
  binding('system:kube-controller-manager', [user('system:kube-controller-manager')]),
  binding('system:node-proxier', [user('system:kube-proxy')]),
  // Since Kubernetes 1.8 this binding has no subjects: kubelets are authorized by the Node authorizer.
  binding('system:node', []),
  binding('system:basic-user', [group('system:authenticated')]),
];
