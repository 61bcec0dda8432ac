/**
 * Role, RoleBinding, ClusterRole and ClusterRoleBinding
 * (pkg/registry/rbac/<kind>/strategy.go): one file for the four. Their
 * names may be any path segment (ValidateRBACName), so that
 * `system:kube-scheduler` is a name; a binding's roleRef is defaulted and
 * validated as Kubernetes does (role-ref.ts).
 */
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from '../../../../spec/objects/rbac.ts';
import { RESOURCES } from '../resources.ts';
import { genericStrategy, type Strategy } from '../strategy.ts';
import { validatePathSegment } from '../validation.ts';
import { defaultRoleRef, roleRefCauses } from './role-ref.ts';

const rbacStrategy = (resource: string, schema: Parameters<typeof genericStrategy>[1]): Strategy =>
  genericStrategy(RESOURCES.get(resource)!, schema, validatePathSegment);

/** A binding: its roleRef's own causes in place of the schema's (a roleRef that is not an object keeps the schema's). */
function bindingStrategy(resource: string, schema: Parameters<typeof genericStrategy>[1], roleKinds: readonly string[]): Strategy {
  const generic = rbacStrategy(resource, schema);
  return {
    ...generic,
    defaults: defaultRoleRef,
    validate(obj) {
      const causes = generic.validate(obj);
      const roleRef = roleRefCauses(obj, roleKinds);
      return roleRef ? [...causes.filter((c) => !c.field?.startsWith('roleRef')), ...roleRef] : causes;
    },
  };
}

export const roleStrategy = rbacStrategy('roles', Role);
export const roleBindingStrategy = bindingStrategy('rolebindings', RoleBinding, ['Role', 'ClusterRole']);
export const clusterRoleStrategy = rbacStrategy('clusterroles', ClusterRole);
export const clusterRoleBindingStrategy = bindingStrategy('clusterrolebindings', ClusterRoleBinding, ['ClusterRole']);
