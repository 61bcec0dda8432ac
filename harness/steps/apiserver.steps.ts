/** Who may do what: roles and bindings, as an administrator would grant them with kubectl. */
import { Given } from '@cucumber/cucumber';
import type { KubespecWorld } from '../support/world.ts';

Given('{string} has the cluster role {string} in namespace {string}', async function (this: KubespecWorld, user: string, role: string, namespace: string) {
  await this.client().create(
    'rolebindings',
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `${user}-${role}`, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: user }],
    },
    { namespace },
  );
});
