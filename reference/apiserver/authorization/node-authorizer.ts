/**
 * The Node authorizer (plugin/pkg/auth/authorizer/node): kubelets get the
 * system:node rules, with leases narrowed to their own Lease in
 * kube-node-lease. Anything it does not allow falls through to RBAC; the
 * NodeRestriction admission plugin then narrows writes to the node's own
 * Node and the pods bound to it.
 */
import type { Attributes, Authorizer, Decision } from './authorization.ts';
import { nodeIdentity } from '../authentication/node-identity.ts';
import { NODE_RULES } from './rbac/bootstrap-policy.ts';
import { requestOf } from './rbac/rbac-authorizer.ts';
import { rulesAllow } from './rbac/rules.ts';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

function authorizeLease(node: string, attrs: Attributes): Decision {
  if (!['get', 'create', 'update', 'patch', 'delete'].includes(attrs.verb)) {
    return { allowed: false, reason: 'can only get, create, update, patch, or delete a node lease' };
  }
  if (attrs.namespace !== NODE_LEASE_NAMESPACE) {
    return { allowed: false, reason: `can only access leases in the "${NODE_LEASE_NAMESPACE}" system namespace` };
  }
  // On create the name is in the body, not the request: NodeRestriction checks it.
  if (attrs.verb !== 'create' && attrs.name !== node) {
    return { allowed: false, reason: 'can only access node lease with the same name as the requesting node' };
  }
  return { allowed: true };
}

export const nodeAuthorizer: Authorizer = {
  async authorize(attrs) {
    const node = nodeIdentity(attrs.user);
    if (node === undefined) return { allowed: false };
    if (node === '') return { allowed: false, reason: `unknown node for user "${attrs.user.name}"` };
    const { resource, group } = attrs.resource;
    if (resource === 'leases' && group === 'coordination.k8s.io') return authorizeLease(node, attrs);
    if ((resource === 'secrets' || resource === 'configmaps') && group === '') {
      // Kubernetes allows a kubelet the secrets and config maps its pods mount; our pods mount none.
      return { allowed: false, reason: `no relationship found between node '${node}' and this object` };
    }
    return { allowed: rulesAllow(NODE_RULES, requestOf(attrs)) };
  },
};
