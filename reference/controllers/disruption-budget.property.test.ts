/**
 * Property: evictions never take a budget's pods below what it wants
 * healthy, whatever its bound (a count or a percentage, minAvailable or
 * maxUnavailable), however many replicas, and however eviction attempts
 * and the passing of time interleave. Replacements come back (the
 * ReplicaSet controller), so a drain-like stream of evictions also gets
 * through in the end. The story is replayed from a watch, so no moment
 * between two checks is missed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { WatchEvent } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import { isStatusError } from '../../spec/objects/status.ts';
import { scaledValue } from '../api/int-or-percent.ts';
import { ReferenceCluster } from '../cluster.ts';
import type { VirtualClock } from '../runtime/clock.ts';

const NUM_RUNS = 20;
type PodObject = Pod & KubeObject;
const healthy = (p: PodObject) => !p.metadata.deletionTimestamp && (p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false);

const bound = fc.oneof(
  fc.integer({ min: 0, max: 5 }).map((n) => ({ minAvailable: n })),
  fc.integer({ min: 0, max: 100 }).map((p) => ({ minAvailable: `${p}%` })),
  fc.integer({ min: 0, max: 5 }).map((n) => ({ maxUnavailable: n })),
  fc.integer({ min: 0, max: 100 }).map((p) => ({ maxUnavailable: `${p}%` })),
);
const op = fc.oneof(fc.record({ evict: fc.nat() }), fc.record({ waitMs: fc.integer({ min: 100, max: 8000 }) }));

test('evictions never leave fewer healthy pods than the budget wants', async (t) => {
  let evicted = 0;
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 5 }), bound, fc.array(op, { minLength: 1, maxLength: 12 }), async (replicas, spec, ops) => {
      const cluster = await new ReferenceCluster().start();
      try {
        const clock = cluster.clock as VirtualClock;
        const admin = cluster.client();
        const ns = { namespace: 'default' };
        for (const name of ['worker-1', 'worker-2']) await cluster.nodes.add({ name });
        await admin.create('replicasets', {
          apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' },
          spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
        } as KubeObject, ns);
        await clock.advance(5000);
        await admin.create('poddisruptionbudgets', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { ...spec, selector: { matchLabels: { app: 'web' } } } } as KubeObject, ns);
        await clock.advance(1000);
        // What the budget wants healthy, as the disruption controller counts it (expected = the replicas).
        const wanted = 'minAvailable' in spec ? scaledValue(spec.minAvailable, replicas, true) : Math.max(0, replicas - scaledValue(spec.maxUnavailable, replicas, true));
        const start = await admin.list<PodObject>('pods', ns);
        const live = new Map(start.items.map((p) => [p.metadata.name, healthy(p)]));
        const count = () => [...live.values()].filter(Boolean).length;
        const floor = Math.min(wanted, count());
        const events: WatchEvent[] = [];
        const watch = await admin.watch('pods', { ...ns, resourceVersion: start.metadata.resourceVersion ?? '' }, (e) => void events.push(e));
        for (const o of ops) {
          if ('evict' in o) {
            const pods = (await admin.list<PodObject>('pods', ns)).items.filter((p) => !p.metadata.deletionTimestamp);
            const victim = pods[o.evict % Math.max(1, pods.length)];
            if (!victim) continue;
            const name = victim.metadata.name ?? '';
            try {
              await admin.create('pods', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name } } as KubeObject, { ...ns, name, subresource: 'eviction' });
              evicted++;
            } catch (e) {
              if (!isStatusError(e) || e.status.code !== 429) throw e;
              refused++;
            }
          } else await clock.advance(o.waitMs);
          await cluster.settle();
        }
        watch.stop();
        for (const e of events) {
          const pod = e.object as PodObject;
          if (e.type === 'DELETED') live.delete(pod.metadata.name);
          else live.set(pod.metadata.name, healthy(pod));
          assert.ok(count() >= floor, `${count()} healthy after ${e.type} ${pod.metadata.name}; the budget ${JSON.stringify(spec)} of ${replicas} wants ${wanted}`);
        }
      } finally {
        await cluster.stop();
      }
    }),
    { numRuns: NUM_RUNS },
  );
  t.diagnostic(`numRuns ${NUM_RUNS}: ${evicted} evictions let through, ${refused} refused with 429`);
});
