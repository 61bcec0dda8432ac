/**
 * Recording explanations on pods needs one permission kube-scheduler's
 * bootstrap role does not have: `patch pods` (it may only write pods/binding
 * and pods/status). A cluster that switches `schedulerExplain` on grants it,
 * as one would grant the scheduler simulator's debuggable scheduler on a
 * real cluster: a ClusterRole and a ClusterRoleBinding to the scheduler.
 */
import { createIfAbsent } from '../client/create-if-absent.ts';
import type { ApiClient } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';

export const EXPLAIN_ROLE = 'kubespec:scheduler-explain';
const RBAC = 'rbac.authorization.k8s.io';

export async function grantExplainAccess(admin: ApiClient, schedulerUser: string): Promise<void> {
  const role = { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: EXPLAIN_ROLE }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['patch'] }] };
  const binding = {
    apiVersion: `${RBAC}/v1`,
    kind: 'ClusterRoleBinding',
    metadata: { name: EXPLAIN_ROLE },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: EXPLAIN_ROLE },
    subjects: [{ kind: 'User', apiGroup: RBAC, name: schedulerUser }],
  };
  await createIfAbsent(() => admin.create('clusterroles', role as KubeObject));
  await createIfAbsent(() => admin.create('clusterrolebindings', binding as KubeObject));
}
