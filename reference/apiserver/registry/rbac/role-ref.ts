/**
 * A binding's roleRef, as Kubernetes reads it. roleRef is a struct, not a
 * pointer, so a body without one decodes to an empty roleRef rather than a
 * missing field; SetDefaults_RoleBinding / SetDefaults_ClusterRoleBinding
 * (pkg/apis/rbac/v1/defaults.go) fill in its apiGroup, and
 * ValidateRoleBinding / ValidateClusterRoleBinding
 * (pkg/apis/rbac/validation/validation.go) then name each part that is
 * wrong: the apiGroup, the kind (a RoleBinding may name a Role or a
 * ClusterRole, a ClusterRoleBinding only a ClusterRole) and the name.
 * There is never a cause on roleRef itself.
 */
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import type { StatusCause } from '../../../../spec/objects/status.ts';
import { notSupported, required, validatePathSegment } from '../validation.ts';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** SetDefaults_RoleBinding: an empty roleRef, or one without an apiGroup, gets rbac.authorization.k8s.io. */
export function defaultRoleRef(obj: KubeObject): void {
  const binding = obj as Loose;
  if (binding.roleRef === undefined) binding.roleRef = {};
  if (isObject(binding.roleRef) && !binding.roleRef.apiGroup) binding.roleRef.apiGroup = RBAC_GROUP;
}

/**
 * The causes a binding's roleRef gives, given the kinds of role it may
 * name; undefined when roleRef is not an object at all (the schema's
 * cause says so).
 */
export function roleRefCauses(obj: KubeObject, kinds: readonly string[]): StatusCause[] | undefined {
  const ref = (obj as Loose).roleRef;
  if (!isObject(ref)) return undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const causes: StatusCause[] = [];
  if (ref.apiGroup !== RBAC_GROUP) causes.push(notSupported('roleRef.apiGroup', text(ref.apiGroup), [RBAC_GROUP]));
  if (!kinds.includes(text(ref.kind))) causes.push(notSupported('roleRef.kind', text(ref.kind), kinds));
  if (!text(ref.name)) causes.push(required('roleRef.name'));
  else causes.push(...validatePathSegment('roleRef.name', text(ref.name)));
  return causes;
}
