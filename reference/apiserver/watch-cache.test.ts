/**
 * The watch cache's work per change, counted rather than timed: with a
 * thousand kubelets watching their own pods, a pod's whole life (created,
 * bound, its status written, deleted) visits the same few watchers as with
 * ten. And what each watcher receives is what the same watch on the store
 * itself would deliver.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiClient, WatchEvent } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { testApiServer } from './test-apiserver.ts';

const pod = (name: string): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } }) as KubeObject;

/** Created, bound to `node`, its status written as the kubelet would, then deleted at once. */
async function podLife(admin: ApiClient, name: string, node: string): Promise<void> {
  await admin.create('pods', pod(name), { namespace: 'default' });
  const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: node } };
  await admin.create('pods', binding as KubeObject, { namespace: 'default', name, subresource: 'binding' });
  const bound = await admin.get('pods', name, { namespace: 'default' });
  await admin.update('pods', { ...bound, status: { ...(bound.status as object), phase: 'Running' } }, { namespace: 'default', subresource: 'status' });
  await admin.delete('pods', name, { namespace: 'default', gracePeriodSeconds: 0 });
}

/** `kubelets` watchers each pinned to its own node, as kubelets watch, and two that pin nothing (a scheduler, a controller). */
async function watchersVisitedForOnePodLife(kubelets: number) {
  const { admin, watchCaches, settle, stop } = await testApiServer();
  const received = new Map<string, WatchEvent[]>();
  const watch = async (label: string, opts: { fieldSelector?: string; namespace?: string }) => {
    const events: WatchEvent[] = [];
    received.set(label, events);
    await admin.watch('pods', opts, (e) => void events.push(e));
  };
  for (let i = 0; i < kubelets; i++) await watch(`node-${i}`, { fieldSelector: `spec.nodeName=node-${i}` });
  await watch('scheduler', {});
  await watch('other namespace', { namespace: 'kube-system' });
  await settle();
  const before = { ...watchCaches.stats('pods')! };
  await podLife(admin, 'web', 'node-7');
  await settle();
  const after = watchCaches.stats('pods')!;
  stop();
  return { changes: after.changes - before.changes, visits: after.visits - before.visits, received };
}

test('a pod change visits its own kubelet and the unpinned watchers, not every kubelet: the same count with 1,000 kubelets as with 10', async () => {
  const few = await watchersVisitedForOnePodLife(10);
  const many = await watchersVisitedForOnePodLife(1000);
  assert.equal(many.changes, 4, 'created, bound, status, deleted');
  // Created (not on a node): the 2 unpinned watchers. Bound, status, deleted: those 2 and node-7's kubelet.
  assert.equal(many.visits, 2 + 3 * 3);
  assert.equal(few.visits, many.visits);
  assert.deepEqual(many.received.get('node-7')!.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);
  assert.deepEqual(many.received.get('scheduler')!.map((e) => e.type), ['ADDED', 'MODIFIED', 'MODIFIED', 'DELETED']);
  for (const [label, events] of many.received) {
    if (label !== 'node-7' && label !== 'scheduler') assert.equal(events.length, 0, `${label} received ${events.length} events`);
  }
});

test('a pod bound away from a node is DELETED for that node\'s watcher and ADDED for the new one, each visited once', async () => {
  const { admin, watchCaches, settle, stop } = await testApiServer();
  const seen: Record<string, string[]> = { '': [], 'node-1': [] };
  for (const node of Object.keys(seen)) await admin.watch('pods', { fieldSelector: `spec.nodeName=${node}` }, (e) => void seen[node]!.push(e.type));
  await admin.create('pods', pod('web'), { namespace: 'default' });
  await settle();
  const before = watchCaches.stats('pods')!.visits;
  const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web', namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } };
  await admin.create('pods', binding as KubeObject, { namespace: 'default', name: 'web', subresource: 'binding' });
  await settle();
  assert.equal(watchCaches.stats('pods')!.visits - before, 2);
  assert.deepEqual(seen, { '': ['ADDED', 'DELETED'], 'node-1': ['ADDED'] });
  stop();
});
