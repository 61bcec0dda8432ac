/**
 * The union authorizer as kube-apiserver runs it: the first authorizer to
 * allow wins; a refusal carries every reason, each after its authorizer's
 * name, one per line.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Attributes, Authorizer, Decision } from './authorization.ts';
import { unionAuthorizer } from './union.ts';

const attrs = { user: { name: 'system:node:worker-1', groups: ['system:nodes'] }, verb: 'update' } as unknown as Attributes;
const answers = (d: Decision): Authorizer => ({ authorize: async () => d });
const mustNotBeAsked: Authorizer = { authorize: async () => assert.fail('asked after an authorizer allowed') };

test('a refusal names the authorizer before its reason, as "node: ..."', async () => {
  const union = unionAuthorizer(
    { name: 'kubernetes.io/system-privileged-group', authorizer: answers({ allowed: false }) },
    { name: 'node', authorizer: answers({ allowed: false, reason: 'can only access node lease with the same name as the requesting node' }) },
    { name: 'rbac', authorizer: answers({ allowed: false }) },
  );
  assert.deepEqual(await union.authorize(attrs), { allowed: false, reason: 'node: can only access node lease with the same name as the requesting node' });
});

test('the reasons of several authorizers are joined one per line, in chain order', async () => {
  const union = unionAuthorizer(
    { name: 'node', authorizer: answers({ allowed: false, reason: 'no relationship found' }) },
    { name: 'rbac', authorizer: answers({ allowed: false, reason: 'RBAC: role.rbac.authorization.k8s.io "gone" not found' }) },
  );
  assert.equal((await union.authorize(attrs)).reason, 'node: no relationship found\nrbac: RBAC: role.rbac.authorization.k8s.io "gone" not found');
});

test('the first authorizer that allows decides, and no later one is asked', async () => {
  const union = unionAuthorizer({ name: 'node', authorizer: answers({ allowed: true }) }, { name: 'rbac', authorizer: mustNotBeAsked });
  assert.deepEqual(await union.authorize(attrs), { allowed: true });
});

test('a refusal without reasons has none', async () => {
  const union = unionAuthorizer({ name: 'node', authorizer: answers({ allowed: false }) }, { name: 'rbac', authorizer: answers({ allowed: false }) });
  assert.deepEqual(await union.authorize(attrs), { allowed: false });
});
