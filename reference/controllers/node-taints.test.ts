import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../spec/objects/node.ts';
import { desiredNoScheduleTaints, reconcileNoSchedule, swapTaints } from './node-taints.ts';

const node = (ready: 'True' | 'False' | 'Unknown', taints: Node['spec'] = {}): Node => ({ metadata: { name: 'n' }, spec: taints, status: { conditions: [{ type: 'Ready', status: ready }] } });

test('Ready=False asks for not-ready:NoSchedule, Unknown for unreachable:NoSchedule, True for none', () => {
  assert.deepEqual(desiredNoScheduleTaints(node('False')), [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);
  assert.deepEqual(desiredNoScheduleTaints(node('Unknown')), [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }]);
  assert.deepEqual(desiredNoScheduleTaints(node('True')), []);
});

test('reconciling swaps the controller\'s own NoSchedule taints and leaves others alone', () => {
  const now = '2026-01-01T00:01:00Z';
  const tainted = node('False', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }, { key: 'example.com/gpu', effect: 'NoSchedule' }] });
  assert.deepEqual(reconcileNoSchedule(tainted, now), [
    { key: 'example.com/gpu', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule', timeAdded: now },
  ]);
  assert.equal(reconcileNoSchedule(node('True'), now), undefined, 'nothing to do');
  assert.equal(swapTaints([], [], [], now), undefined);
});
