/**
 * The roles the live view is used with, created by `kubespec serve` as
 * an admin would create them with kubectl: a viewer who may read what the
 * page shows, and the story controls (add, silence and resume nodes, make
 * an image fail, run pods) for whoever is bound to them, on top of the
 * viewer's rights. The admin (system:masters) may do everything without either.
 *
 *   kubectl create clusterrolebinding alice-view --clusterrole=kubespec:viewer --user=alice
 *   kubectl create clusterrolebinding alice-story --clusterrole=kubespec:story-controls --user=alice
 */
import type { ApiClient } from '../../../spec/adapter.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { PolicyRule } from '../../../spec/objects/rbac.ts';
import { isAlreadyExists } from '../../../spec/objects/status.ts';
import { READ, rule } from '../../apiserver/authorization/rbac/rules.ts';
import { STORY_GROUP } from './story-resources.ts';

export const VIEWER_ROLE = 'kubespec:viewer';
export const STORY_CONTROLS_ROLE = 'kubespec:story-controls';
const RBAC = 'rbac.authorization.k8s.io';

const VIEWER_RULES: PolicyRule[] = [
  rule(READ, '', ['nodes', 'pods', 'events', 'services', 'endpoints', 'configmaps', 'namespaces']),
  rule(READ, 'coordination.k8s.io', ['leases']),
  rule(READ, 'apps', ['replicasets']),
  rule(['list'], STORY_GROUP, ['simulatednodes', 'imagefaults']),
  rule(['get'], STORY_GROUP, ['simulatednodes/proxyrules']),
];

const STORY_RULES: PolicyRule[] = [
  rule(['create'], STORY_GROUP, ['simulatednodes', 'simulatednodes/silence', 'simulatednodes/resume', 'imagefaults']),
  rule(['create', 'delete'], '', ['pods']),
  rule(['create', 'delete', 'patch', 'update'], 'apps', ['replicasets']),
];

const clusterRole = (name: string, rules: PolicyRule[]) => ({ apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name }, rules });
const bindingFor = (role: string, user: string) => ({
  apiVersion: `${RBAC}/v1`,
  kind: 'ClusterRoleBinding',
  metadata: { name: `${role}:${user}` },
  roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
  subjects: [{ kind: 'User', apiGroup: RBAC, name: user }],
});

/** Creates both roles, and binds `viewers` to the viewer role; what already exists is left alone. */
export async function ensureUiRoles(admin: ApiClient, viewers: readonly string[]): Promise<void> {
  const ensure = async (resource: string, obj: object) => {
    try {
      await admin.create(resource, obj as KubeObject);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  };
  await ensure('clusterroles', clusterRole(VIEWER_ROLE, VIEWER_RULES));
  await ensure('clusterroles', clusterRole(STORY_CONTROLS_ROLE, STORY_RULES));
  for (const user of viewers) await ensure('clusterrolebindings', bindingFor(VIEWER_ROLE, user));
}
