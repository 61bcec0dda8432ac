/** RBAC's policy, read from the api-server's cache of the four RBAC kinds. */
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from '../../../../spec/objects/rbac.ts';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import type { ObjectCache } from '../../object-cache.ts';
import type { PolicySource } from './rbac-authorizer.ts';

export const RBAC_RESOURCES = ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'] as const;

export function cachedPolicy(cache: ObjectCache): PolicySource {
  return {
    clusterRoleBindings: () => cache.list<ClusterRoleBinding & KubeObject>('clusterrolebindings'),
    roleBindings: (ns) => cache.list<RoleBinding & KubeObject>('rolebindings', ns),
    clusterRole: (name) => cache.get<ClusterRole & KubeObject>('clusterroles', undefined, name),
    role: (ns, name) => cache.get<Role & KubeObject>('roles', ns, name),
  };
}
