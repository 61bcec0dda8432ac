import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod } from '../framework/fixtures.ts';
import { taintToleration } from './taint-toleration.ts';
import { nodeUnschedulable } from './node-unschedulable.ts';
import { toleratesTaint } from './toleration.ts';

const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' } as const;

test('a node tainted unreachable:NoSchedule gets no new pods, in Kubernetes\' words (1.37 names no taint)', () => {
  const status = taintToleration.filter(pod({ cpu: '1' }), node('n', { taints: [unreachable] }));
  assert.deepEqual([status.code, status.reasons], ['UnschedulableAndUnresolvable', ['node(s) had untolerated taint(s)']]);
});

test('the default NoExecute tolerations do not tolerate a NoSchedule taint', () => {
  const tolerations = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' as const, effect: 'NoExecute', tolerationSeconds: 300 }];
  assert.equal(taintToleration.filter(pod({}, { tolerations }), node('n', { taints: [unreachable] })).code, 'UnschedulableAndUnresolvable');
  const noExecute = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' } as const;
  assert.equal(taintToleration.filter(pod({}, { tolerations }), node('n', { taints: [noExecute] })).code, 'Success');
});

test('PreferNoSchedule taints never filter, and a tolerated taint passes', () => {
  const prefer = { key: 'dedicated', value: 'gpu', effect: 'PreferNoSchedule' } as const;
  assert.equal(taintToleration.filter(pod({}), node('n', { taints: [prefer] })).code, 'Success');
  const gpu = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' } as const;
  assert.equal(taintToleration.filter(pod({}, { tolerations: [{ key: 'dedicated', value: 'gpu' }] }), node('n', { taints: [gpu] })).code, 'Success');
  assert.deepEqual(taintToleration.filter(pod({}), node('n', { taints: [gpu] })).reasons, ['node(s) had untolerated taint(s)']);
});

test('toleration matching follows Toleration.ToleratesTaint', () => {
  const taint = { key: 'k', value: 'v', effect: 'NoSchedule' } as const;
  assert.equal(toleratesTaint({ operator: 'Exists' }, taint), true, 'empty key with Exists tolerates everything');
  assert.equal(toleratesTaint({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint), false, 'another effect');
  assert.equal(toleratesTaint({ key: 'k', value: 'w' }, taint), false, 'Equal needs the same value');
  assert.equal(toleratesTaint({ key: 'other', operator: 'Exists' }, taint), false, 'another key');
});

test('a cordoned node is left out unless the pod tolerates the unschedulable taint', () => {
  assert.deepEqual(nodeUnschedulable.filter(pod({}), node('n', { unschedulable: true })).reasons, ['node(s) were unschedulable']);
  const tolerations = [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' as const, effect: 'NoSchedule' }];
  assert.equal(nodeUnschedulable.filter(pod({}, { tolerations }), node('n', { unschedulable: true })).code, 'Success');
  assert.equal(nodeUnschedulable.filter(pod({}), node('n')).code, 'Success');
});
