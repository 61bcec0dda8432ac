/**
 * Property: whatever happens to its pods (deletions, scaling, a node that
 * dies and has its pods evicted), a ReplicaSet ends with exactly the number
 * of running, ready pods it asks for, as long as the healthy nodes can hold
 * them and the zone is not so disrupted that evictions stop. The oracle is
 * the desired count itself.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import type { ReplicaSetStatus } from '../../spec/objects/replicaset.ts';
import { ReferenceCluster } from '../cluster.ts';
import type { VirtualClock } from '../runtime/clock.ts';

const NUM_RUNS = 60;
type Op = { scale: number } | { deletePod: number } | { killNode: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ scale: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ deletePod: fc.nat(20) }),
  fc.record({ killNode: fc.nat(3) }),
);

test('the ReplicaSet controller converges to the desired number of running pods when the healthy nodes can hold them', async (t) => {
  let steps = 0;
  let kills = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }), fc.integer({ min: 0, max: 4 }), fc.array(op, { maxLength: 5 }), async (capacities, initial, ops) => {
      const cluster = await new ReferenceCluster().start();
      try {
        const clock = cluster.clock as VirtualClock;
        const admin = cluster.client();
        const ns = { namespace: 'default' };
        const healthy = new Set(capacities.map((_, i) => i));
        for (const [i, pods] of capacities.entries()) await cluster.nodes.add({ name: `worker-${i}`, pods });
        const room = () => [...healthy].reduce((n, i) => n + capacities[i]!, 0);
        let replicas = Math.min(initial, room());
        await admin.create('replicasets', {
          apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' },
          spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
        }, ns);
        await cluster.settle();
        const owned = async () => (await admin.list<Pod & KubeObject>('pods', ns)).items.filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === 'ReplicaSet' && r.name === 'web'));
        const runningReady = (p: Pod & KubeObject) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running' && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
        for (const o of ops) {
          if ('scale' in o) {
            replicas = Math.min(o.scale, room());
            await admin.patch('replicasets', 'web', { spec: { replicas } }, { ...ns, type: 'merge' });
          } else if ('deletePod' in o) {
            const live = (await owned()).filter((p) => !p.metadata.deletionTimestamp);
            const victim = live[o.deletePod % Math.max(1, live.length)];
            if (victim) await admin.delete('pods', victim.metadata.name ?? '', ns);
          } else {
            const node = o.killNode % capacities.length;
            // Only a failure the rest of the cluster can absorb: enough room left, and one node still up.
            if (!healthy.has(node) || healthy.size === 1 || room() - capacities[node]! < replicas) continue;
            // And not one that leaves the zone partially disrupted (more than 2 and at least 55 % of its
            // nodes down): there Kubernetes deliberately stops evicting, so the pods stay where they are.
            const dead = capacities.length - healthy.size + 1;
            if (dead > 2 && dead / capacities.length >= 0.55) continue;
            healthy.delete(node);
            await cluster.nodes.silence(`worker-${node}`);
            await clock.advance(7 * 60_000); // past the grace period and the 5-minute toleration
            kills++;
          }
          await clock.advance(1000);
          steps++;
        }
        await clock.advance(30_000);
        const live = (await owned()).filter(runningReady);
        assert.equal(live.length, replicas, `running pods ${live.map((p) => `${p.metadata.name}@${p.spec.nodeName}`).join(', ')}; capacities ${capacities}, healthy ${[...healthy]}`);
        assert.ok(live.every((p) => healthy.has(Number(p.spec.nodeName?.split('-')[1]))), 'a running pod on a dead node');
        const status = (await admin.get('replicasets', 'web', ns)).status as ReplicaSetStatus;
        assert.deepEqual([status.replicas, status.readyReplicas], [replicas, replicas]);
        assert.deepEqual(cluster.work.errors, []);
      } finally {
        await cluster.stop();
      }
    }),
    { numRuns: NUM_RUNS },
  );
  t.diagnostic(`numRuns ${NUM_RUNS}: ${steps} operations (scale, delete a pod, lose a node), ${kills} node losses with evictions and re-creation; every run converged to the desired count`);
});
