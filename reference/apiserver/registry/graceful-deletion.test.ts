import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { podDeletion, podGracePeriod } from './graceful-deletion.ts';

const pod = (extra: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', generation: 1, ...meta },
  spec: { nodeName: 'worker-1', terminationGracePeriodSeconds: 30, containers: [], ...extra },
  status: { phase: 'Running' },
});

test('a bound pod is marked with deletionTimestamp = now + its grace period', () => {
  const clock = new VirtualClock();
  const d = podDeletion(pod(), undefined, clock);
  assert.equal(d.action, 'mark');
  if (d.action !== 'mark') return;
  assert.equal(d.pod.metadata.deletionTimestamp, '2026-01-01T00:00:30Z');
  assert.equal(d.pod.metadata.deletionGracePeriodSeconds, 30);
  assert.equal(d.pod.metadata.generation, 2);
});

test('grace 0, an unbound pod or a finished pod is removed at once', () => {
  const clock = new VirtualClock();
  assert.equal(podDeletion(pod(), 0, clock).action, 'remove');
  assert.equal(podDeletion(pod({ nodeName: undefined }), undefined, clock).action, 'remove');
  assert.equal(podGracePeriod({ metadata: {}, spec: { nodeName: 'n', containers: [] }, status: { phase: 'Succeeded' } }, 10), 0);
});

test('a second delete may shorten the grace period, never lengthen it', () => {
  const clock = new VirtualClock();
  const marked = pod({}, { deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 });
  assert.equal(podDeletion(marked, 60, clock).action, 'unchanged');
  const shorter = podDeletion(marked, 5, clock);
  assert.equal(shorter.action === 'mark' && shorter.pod.metadata.deletionTimestamp, '2026-01-01T00:00:05Z');
});
