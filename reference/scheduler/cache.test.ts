import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchedulerCache, schedulingPropertiesChanged } from './cache.ts';
import { testNode, testPod } from './framework/fixtures.ts';
import { podInfo } from './framework/pod-info.ts';

test('a bound pod counts on its node; a finished or deleted one stops counting', () => {
  const cache = new SchedulerCache();
  cache.setNode(testNode('a'));
  const bound = testPod('p', { cpu: '1' }, { nodeName: 'a' });
  cache.updatePod(bound);
  assert.deepEqual([cache.snapshot()[0]!.requested.cpu, cache.snapshot()[0]!.podCount], [1000, 1]);
  cache.updatePod({ ...bound, status: { phase: 'Succeeded' } });
  assert.equal(cache.snapshot()[0]!.podCount, 0);
  cache.updatePod(bound);
  cache.removePod('default/p');
  assert.equal(cache.snapshot()[0]!.requested.cpu, 0);
});

test('an assumed pod counts at once, is confirmed by the watch, and is forgotten if its binding fails', () => {
  const cache = new SchedulerCache();
  cache.setNode(testNode('a'));
  const pending = testPod('p', { cpu: '1' });
  cache.assume(podInfo(pending), 'a');
  assert.equal(cache.isAssumed('default/p'), true);
  cache.updatePod(pending); // the watch still shows it unbound: it stays assumed
  assert.equal(cache.snapshot()[0]!.podCount, 1);
  cache.updatePod({ ...pending, spec: { ...pending.spec, nodeName: 'a' } });
  assert.deepEqual([cache.isAssumed('default/p'), cache.snapshot()[0]!.podCount], [false, 1]);
  cache.assume(podInfo(testPod('q', { cpu: '1' })), 'a');
  cache.forget('default/q');
  assert.equal(cache.snapshot()[0]!.podCount, 1);
});

test('a pod bound to a node not seen yet counts once the node appears; removed nodes leave the snapshot', () => {
  const cache = new SchedulerCache();
  cache.updatePod(testPod('p', { cpu: '1' }, { nodeName: 'late' }));
  assert.equal(cache.snapshot().length, 0);
  cache.setNode(testNode('late'));
  cache.setNode(testNode('other'));
  assert.deepEqual(cache.snapshot().map((n) => [n.name, n.podCount]), [['late', 1], ['other', 0]]);
  cache.removeNode('late');
  cache.removeNode('other');
  assert.deepEqual(cache.snapshot(), []);
});

test('only changes that can let a pod in count as scheduling changes, not heartbeats', () => {
  const node = testNode('a');
  const heartbeat = { ...node, status: { ...node.status, conditions: [{ type: 'Ready', status: 'True' as const, lastHeartbeatTime: 'now' }] } };
  assert.equal(schedulingPropertiesChanged(node, heartbeat), false);
  assert.equal(schedulingPropertiesChanged(node, { ...node, spec: { unschedulable: true } }), true);
  assert.equal(schedulingPropertiesChanged(node, { ...node, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] } }), true);
});
