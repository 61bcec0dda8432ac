/** Graceful deletion marks an object instead of removing it, and a second delete may only shorten the wait. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { beforeDelete } from './graceful-deletion.ts';

const pod = (meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', generation: 1, ...meta },
  spec: { nodeName: 'worker-1', containers: [] },
});

test('an object with a grace period is marked with deletionTimestamp = now + the grace period, and its generation goes up', () => {
  const d = beforeDelete(pod(), 30, new VirtualClock());
  assert.equal(d.action, 'mark');
  if (d.action !== 'mark') return;
  assert.equal(d.object.metadata.deletionTimestamp, '2026-01-01T00:00:30Z');
  assert.equal(d.object.metadata.deletionGracePeriodSeconds, 30);
  assert.equal(d.object.metadata.generation, 2);
});

test('a grace period of 0 removes the object at once, marked or not', () => {
  assert.equal(beforeDelete(pod(), 0, new VirtualClock()).action, 'remove');
  assert.equal(beforeDelete(pod({ deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 }), 0, new VirtualClock()).action, 'remove');
});

test('a second delete may shorten the grace period, never lengthen it', () => {
  const clock = new VirtualClock();
  const marked = pod({ deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 });
  assert.equal(beforeDelete(marked, 60, clock).action, 'unchanged');
  assert.equal(beforeDelete(marked, 30, clock).action, 'unchanged');
  const shorter = beforeDelete(marked, 5, clock);
  assert.equal(shorter.action === 'mark' && shorter.object.metadata.deletionTimestamp, '2026-01-01T00:00:05Z');
});
