/**
 * What a DELETE answers, as kube-apiserver's Store.Delete: a kind whose
 * registry does not return the deleted object (a ConfigMap, a RoleBinding)
 * answers a Status Success naming it by resource; a Pod answers the Pod;
 * and a delete that only marks the object answers the marked object,
 * whatever the kind.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigMap } from '../../../spec/objects/configmap.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { isDeleteStatus } from '../../../spec/objects/status.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { seededRandom } from '../../runtime/random.ts';
import { MemoryStore } from '../../store/memory-store.ts';
import { testApiServer } from '../test-apiserver.ts';
import { Registry } from './registry.ts';
import { RESOURCES } from './resources.ts';
import { genericStrategy } from './strategy.ts';

const ns = { namespace: 'default' };
const pod = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
});

test('a ConfigMap delete answers a Status Success with its name, resource and uid, and no object', async () => {
  const { admin } = await testApiServer();
  const created = await admin.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { k: 'v' } }, ns);
  const answer = await admin.delete('configmaps', 'settings', ns);
  assert.deepEqual(answer, {
    apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Success',
    details: { name: 'settings', kind: 'configmaps', uid: created.metadata.uid },
  });
});

test('a delete in a named group carries the group in its Status', async () => {
  const { admin } = await testApiServer();
  await admin.create('roles', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader' }, rules: [] }, ns);
  const answer = await admin.delete('roles', 'reader', ns);
  assert.ok(isDeleteStatus(answer), JSON.stringify(answer));
  assert.deepEqual([answer.details.group, answer.details.kind, answer.details.name], ['rbac.authorization.k8s.io', 'roles', 'reader']);
});

test('a Pod delete that removes it answers the Pod as it was', async () => {
  const { admin } = await testApiServer();
  const created = await admin.create('pods', pod('pending'), ns);
  const answer = await admin.delete('pods', 'pending', ns);
  assert.ok(!isDeleteStatus(answer), JSON.stringify(answer));
  assert.deepEqual([answer.kind, answer.metadata.name, answer.metadata.uid, answer.metadata.resourceVersion], ['Pod', 'pending', created.metadata.uid, created.metadata.resourceVersion]);
  assert.equal(answer.metadata.deletionTimestamp, undefined);
});

test('a graceful Pod delete answers the Pod marked with its deletionTimestamp, and so does a second delete while it is pending', async () => {
  const { admin } = await testApiServer();
  await admin.create('pods', pod('running', { nodeName: 'worker-1', terminationGracePeriodSeconds: 30 }), ns);
  const first = await admin.delete('pods', 'running', ns);
  assert.ok(!isDeleteStatus(first), JSON.stringify(first));
  assert.equal(first.metadata.deletionGracePeriodSeconds, 30);
  assert.ok(first.metadata.deletionTimestamp);
  const again = await admin.delete('pods', 'running', ns);
  assert.ok(!isDeleteStatus(again), JSON.stringify(again));
  assert.equal(again.metadata.deletionTimestamp, first.metadata.deletionTimestamp);
});

test('a kind that does not return deleted objects answers a marking delete with the object, and a delete of what is already pending with the Status', async () => {
  const configmaps = RESOURCES.get('configmaps')!;
  // A grace period on a kind without ReturnDeletedObject: no such kind here, so one is made for the test.
  const strategy = { ...genericStrategy(configmaps, ConfigMap), gracePeriod: () => 30 };
  const registry = new Registry(configmaps, {
    store: new MemoryStore(), admission: { mutating: [], validating: [] }, user: { name: 'kubernetes-admin', groups: ['system:masters'] },
    clock: new VirtualClock(), random: seededRandom(1), strategy,
  });
  await registry.create('default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
  const marked = await registry.delete('default', 'settings');
  assert.ok(!isDeleteStatus(marked) && marked.metadata.deletionTimestamp, JSON.stringify(marked));
  const pending = await registry.delete('default', 'settings');
  assert.deepEqual(pending.kind === 'Status' && pending.details, { name: 'settings', kind: 'configmaps', uid: marked.metadata.uid });
});
