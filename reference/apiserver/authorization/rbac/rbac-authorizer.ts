/**
 * The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): a request is
 * allowed when a ClusterRoleBinding, or a RoleBinding in the request's
 * namespace, names the user (directly, through a group, or as a service
 * account) and the role it refers to has a rule that covers the request.
 * It never denies outright: no rule means "no opinion", and the api-server
 * answers 403.
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from '../../../../spec/objects/rbac.ts';
import type { UserInfo } from '../../authentication/authentication.ts';
import type { Attributes, Authorizer, Decision } from '../authorization.ts';
import { rulesAllow, type RuleRequest } from './rules.ts';

/** Where the authorizer reads the policy from: the api-server's own cache of the RBAC objects. */
export interface PolicySource {
  clusterRoleBindings(): readonly ClusterRoleBinding[];
  roleBindings(namespace: string): readonly RoleBinding[];
  clusterRole(name: string): ClusterRole | undefined;
  role(namespace: string, name: string): Role | undefined;
}

export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

export function appliesTo(subject: Subject, user: UserInfo, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === user.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      return ns !== '' && user.name === `${SERVICE_ACCOUNT_PREFIX}${ns}:${subject.name}`;
    }
  }
}

export function requestOf(attrs: Attributes): RuleRequest {
  return {
    verb: attrs.verb,
    apiGroup: attrs.resource.group,
    resource: attrs.resource.resource,
    ...(attrs.subresource ? { subresource: attrs.subresource } : {}),
    ...(attrs.name ? { name: attrs.name } : {}),
  };
}

export class RbacAuthorizer implements Authorizer {
  constructor(private readonly policy: PolicySource) {}

  async authorize(attrs: Attributes): Promise<Decision> {
    const req = requestOf(attrs);
    const missing: string[] = [];
    const allows = (rules: readonly PolicyRule[] | undefined, ref: string) => {
      if (!rules) missing.push(ref);
      return rulesAllow(rules ?? [], req);
    };
    for (const b of this.policy.clusterRoleBindings()) {
      if (!(b.subjects ?? []).some((s) => appliesTo(s, attrs.user, ''))) continue;
      const role = this.policy.clusterRole(b.roleRef.name);
      if (allows(role && (role.rules ?? []), `clusterrole.rbac.authorization.k8s.io "${b.roleRef.name}" not found`)) return { allowed: true };
    }
    const ns = attrs.namespace;
    if (ns) {
      for (const b of this.policy.roleBindings(ns)) {
        if (!(b.subjects ?? []).some((s) => appliesTo(s, attrs.user, ns))) continue;
        const isCluster = b.roleRef.kind === 'ClusterRole';
        const role = isCluster ? this.policy.clusterRole(b.roleRef.name) : this.policy.role(ns, b.roleRef.name);
        const ref = isCluster ? `clusterrole.rbac.authorization.k8s.io "${b.roleRef.name}" not found` : `role.rbac.authorization.k8s.io "${b.roleRef.name}" not found`;
        if (allows(role && (role.rules ?? []), ref)) return { allowed: true };
      }
    }
    // Kubernetes explains a refusal only when a binding pointed at a role that does not exist.
    if (!missing.length) return { allowed: false };
    return { allowed: false, reason: `RBAC: ${missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`}` };
  }
}
