/**
 * Role, RoleBinding, ClusterRole and ClusterRoleBinding
 * (pkg/registry/rbac/<kind>/strategy.go): one file for the four, since
 * their only rule of their own is the same one, names that may be any path
 * segment (ValidateRBACName), so that `system:kube-scheduler` is a name.
 */
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from '../../../../spec/objects/rbac.ts';
import { RESOURCES } from '../resources.ts';
import { genericStrategy, type Strategy } from '../strategy.ts';
import { validatePathSegment } from '../validation.ts';

const rbacStrategy = (resource: string, schema: Parameters<typeof genericStrategy>[1]): Strategy =>
  genericStrategy(RESOURCES.get(resource)!, schema, validatePathSegment);

export const roleStrategy = rbacStrategy('roles', Role);
export const roleBindingStrategy = rbacStrategy('rolebindings', RoleBinding);
export const clusterRoleStrategy = rbacStrategy('clusterroles', ClusterRole);
export const clusterRoleBindingStrategy = rbacStrategy('clusterrolebindings', ClusterRoleBinding);
