/**
 * Random policies and random requests: the api-server answers 2xx exactly
 * when a plain RBAC oracle written here allows the request, 403 otherwise,
 * never 5xx. Users are impersonated by the admin, as a harness would.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import { isStatusError } from '../../../../spec/objects/status.ts';
import { ReferenceCluster } from '../../../cluster.ts';

type Verb = 'get' | 'list' | 'create' | 'update' | 'delete';
interface Rule { verbs: string[]; resources: string[]; names?: string[] }
interface Binding { roleNs?: string; role: number; cluster: boolean; ns?: string; subject: { kind: 'User' | 'Group'; name: string } }
interface Request { user: number; verb: Verb; resource: string; ns: string }

const USERS = [{ name: 'ann', groups: ['devs'] }, { name: 'bo', groups: ['ops'] }, { name: 'cy', groups: [] as string[] }];
const RESOURCES = ['configmaps', 'secrets', 'serviceaccounts'];
const NAMESPACES = ['team-a', 'team-b'];
const VERBS: Verb[] = ['get', 'list', 'create', 'update', 'delete'];

const ruleArb: fc.Arbitrary<Rule> = fc.record({
  verbs: fc.subarray([...VERBS, '*'], { minLength: 1 }),
  resources: fc.subarray([...RESOURCES, '*'], { minLength: 1 }),
  names: fc.option(fc.constant(['obj']), { nil: undefined }),
});
const policyArb = fc.record({
  roles: fc.array(fc.array(ruleArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }),
  bindings: fc.array(
    fc.record({
      role: fc.nat(2),
      cluster: fc.boolean(),
      ns: fc.option(fc.constantFrom(...NAMESPACES), { nil: undefined }),
      subject: fc.oneof(fc.record({ kind: fc.constant('User' as const), name: fc.constantFrom('ann', 'bo', 'cy') }), fc.record({ kind: fc.constant('Group' as const), name: fc.constantFrom('devs', 'ops') })),
    }),
    { maxLength: 4 },
  ),
});
const requestArb: fc.Arbitrary<Request> = fc.record({ user: fc.nat(2), verb: fc.constantFrom(...VERBS), resource: fc.constantFrom(...RESOURCES), ns: fc.constantFrom(...NAMESPACES) });

/**
 * The oracle: roles are defined both as a ClusterRole "role-i" and as a Role "role-i" in every
 * namespace, with the same rules. A ClusterRoleBinding (no ns) grants everywhere; a RoleBinding in
 * ns grants there only. Names apply to get/update/delete of "obj"; list and create have no name.
 */
function oracle(policy: { roles: Rule[][]; bindings: Binding[] }, req: Request): boolean {
  const user = USERS[req.user]!;
  const name = req.verb === 'list' || req.verb === 'create' ? undefined : 'obj';
  return policy.bindings.some((b) => {
    if (b.role >= policy.roles.length) return false; // the binding points at a role that does not exist
    const mine = b.subject.kind === 'User' ? b.subject.name === user.name : user.groups.includes(b.subject.name);
    const here = b.ns === undefined ? b.cluster : b.ns === req.ns;
    return mine && here && policy.roles[b.role]!.some((r) =>
      (r.verbs.includes('*') || r.verbs.includes(req.verb)) &&
      (r.resources.includes('*') || r.resources.includes(req.resource)) &&
      (!r.names || (name !== undefined && r.names.includes(name))));
  });
}

const obj = (resource: string, name: string, ns: string): KubeObject => {
  const kind = { configmaps: 'ConfigMap', secrets: 'Secret', serviceaccounts: 'ServiceAccount' }[resource]!;
  return { apiVersion: 'v1', kind, metadata: { name, namespace: ns } };
};

let requests = 0;
let allowedCount = 0;

test('RBAC answers 2xx exactly when the oracle allows, 403 otherwise, never 5xx', async (t) => {
  const numRuns = 200;
  await fc.assert(
    fc.asyncProperty(policyArb, fc.array(requestArb, { minLength: 1, maxLength: 12 }), async (policy, reqs) => {
      const cluster = await new ReferenceCluster().start();
      try {
        const admin = cluster.client();
        for (const ns of NAMESPACES) {
          await admin.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
          for (const r of RESOURCES) await admin.create(r, obj(r, 'obj', ns), { namespace: ns });
        }
        const rules = (i: number) => policy.roles[i]!.map((r) => ({ apiGroups: [''], verbs: r.verbs, resources: r.resources, ...(r.names ? { resourceNames: r.names } : {}) }));
        for (let i = 0; i < policy.roles.length; i++) {
          await admin.create('clusterroles', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: `role-${i}` }, rules: rules(i) });
          for (const ns of NAMESPACES) await admin.create('roles', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: `role-${i}`, namespace: ns }, rules: rules(i) }, { namespace: ns });
        }
        for (const [i, b] of policy.bindings.entries()) {
          const subjects = [{ ...b.subject, apiGroup: 'rbac.authorization.k8s.io' }];
          if (b.ns === undefined) {
            if (!b.cluster) continue; // not created: the oracle gives it no effect either
            await admin.create('clusterrolebindings', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `b-${i}` }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `role-${b.role}` }, subjects });
          } else {
            const kind = b.cluster ? 'ClusterRole' : 'Role';
            await admin.create('rolebindings', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `b-${i}`, namespace: b.ns }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: `role-${b.role}` }, subjects }, { namespace: b.ns });
          }
        }
        for (const [i, req] of reqs.entries()) {
          const user = USERS[req.user]!;
          const client = cluster.client({ user: user.name, groups: user.groups });
          const opts = { namespace: req.ns };
          let outcome: number;
          try {
            if (req.verb === 'get') await client.get(req.resource, 'obj', opts);
            else if (req.verb === 'list') await client.list(req.resource, opts);
            else if (req.verb === 'create') await client.create(req.resource, obj(req.resource, `new-${i}`, req.ns), opts);
            else if (req.verb === 'update') await client.update(req.resource, await admin.get(req.resource, 'obj', opts), opts);
            else {
              await client.delete(req.resource, 'obj', opts);
              await admin.create(req.resource, obj(req.resource, 'obj', req.ns), opts);
            }
            outcome = 200;
          } catch (e) {
            if (!isStatusError(e)) throw e;
            outcome = e.code;
          }
          requests++;
          const allowed = oracle(policy, req);
          if (allowed) allowedCount++;
          assert.ok(outcome < 500, `5xx for ${JSON.stringify(req)}`);
          assert.equal(outcome, allowed ? 200 : 403, `${user.name} ${req.verb} ${req.resource} in ${req.ns}`);
        }
      } finally {
        await cluster.stop();
      }
    }),
    { numRuns },
  );
  t.diagnostic(`numRuns ${numRuns}, requests checked against the oracle: ${requests} (${allowedCount} allowed, ${requests - allowedCount} forbidden)`);
  assert.ok(allowedCount > 0 && allowedCount < requests, 'the generated requests did not exercise both answers');
});
