/** Which pods `kubectl drain --ignore-daemonsets --delete-emptydir-data` evicts, and which it refuses to touch. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import { podsToEvict } from './drain.ts';

const pod = (name: string, extra: { owner?: string; annotations?: Record<string, string>; phase?: string } = {}) =>
  ({
    metadata: {
      name, namespace: 'default',
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
      ...(extra.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: extra.owner, name: 'x', uid: 'u', controller: true }] } : {}),
    },
    spec: { containers: [] },
    status: { phase: extra.phase ?? 'Running' },
  }) as unknown as Pod & KubeObject;

test('a drain evicts the pods a controller will re-create, leaving DaemonSet and mirror pods alone', () => {
  const evicted = podsToEvict([pod('web', { owner: 'ReplicaSet' }), pod('agent', { owner: 'DaemonSet' }), pod('static', { annotations: { 'kubernetes.io/config.mirror': 'abc' } }), pod('done', { phase: 'Succeeded' })]);
  assert.deepEqual(evicted.map((p) => p.metadata.name), ['web', 'done']);
});

test('a drain refuses, without --force, a running pod no controller would re-create', () => {
  assert.throws(() => podsToEvict([pod('web', { owner: 'ReplicaSet' }), pod('solo')]), /^Error: cannot delete Pods not managed by ReplicationController, ReplicaSet, Job, DaemonSet or StatefulSet \(use --force to override\): default\/solo$/);
});
