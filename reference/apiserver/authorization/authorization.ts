/**
 * Authorization, after authentication: may this user do this verb on this
 * resource here? Refusals carry Kubernetes' Forbidden message word for word.
 */
import type { UserInfo } from '../authentication/authentication.ts';
import type { ResourceInfo } from '../registry/resources.ts';
import { errors, groupResource } from '../status.ts';

export interface Attributes {
  user: UserInfo;
  verb: string;
  resource: ResourceInfo;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface Decision {
  allowed: boolean;
  /** Appended to the Forbidden message when an authorizer explains itself. */
  reason?: string;
}

export interface Authorizer {
  authorize(attrs: Attributes): Promise<Decision>;
}

/** `pods "web" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "default"` */
export function forbidden(attrs: Attributes, reason?: string) {
  const { user, verb, resource, subresource, namespace, name } = attrs;
  const what = subresource ? `${resource.resource}/${subresource}` : resource.resource;
  const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  const subject = name ? `${groupResource(resource)} "${name}"` : groupResource(resource);
  return errors.forbidden(
    `${subject} is forbidden: User "${user.name}" cannot ${verb} resource "${what}" in API group "${resource.group}" ${scope}${reason ? `: ${reason}` : ''}`,
  );
}

/** Members of these groups may do anything, before RBAC is consulted (kube-apiserver's system:masters). */
export function privilegedGroups(...groups: string[]): Authorizer {
  return {
    async authorize({ user }) {
      return { allowed: user.groups.some((g) => groups.includes(g)) };
    },
  };
}
