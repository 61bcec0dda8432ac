/**
 * With --use-service-account-credentials=false every controller acts as
 * kube-controller-manager's own user, and Kubernetes' bootstrap role for
 * that user (system:kube-controller-manager) only covers what the manager
 * needs to hand out service-account credentials. Its controllers' roles
 * are the bootstrap `system:controller:<name>` ClusterRoles, meant for the
 * controllers' service accounts; as Kubernetes' flag help says, the
 * manager's own credential "must be granted all relevant roles", so each
 * of them is bound to that user here.
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/controller_policy.go)
 */
import type { ApiClient } from '../../../spec/adapter.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';

const CONTROLLER_ROLE_PREFIX = 'system:controller:';

export async function grantControllerRoles(admin: ApiClient, user: string): Promise<number> {
  const roles = (await admin.list('clusterroles')).items.map((r) => r.metadata.name ?? '').filter((n) => n.startsWith(CONTROLLER_ROLE_PREFIX));
  if (roles.length === 0) throw new Error('the api-server has no system:controller:* ClusterRoles: is RBAC bootstrapping done?');
  for (const role of roles) {
    const binding: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `kubespec:kube-controller-manager:${role.slice(CONTROLLER_ROLE_PREFIX.length)}` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: user }],
    } as KubeObject;
    await admin.create('clusterrolebindings', binding);
  }
  return roles.length;
}
