/**
 * Properties of taint eviction, end to end through the API: pods with
 * random tolerations sit on a node that gets random NoExecute taints at a
 * random time (and may lose them again). Each pod must be marked for
 * deletion exactly when the smallest matching tolerationSeconds runs out
 * after the taint, at once when a taint is not tolerated, and never when
 * its tolerations have no seconds or the taints went away first.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node, Taint } from '../../spec/objects/node.ts';
import type { Pod, Toleration } from '../../spec/objects/pod.ts';
import { ReferenceCluster } from '../cluster.ts';
import type { VirtualClock } from '../runtime/clock.ts';

const NUM_RUNS = 100;
const KEYS = ['example.com/a', 'example.com/b'];

/** The oracle's own reading of a toleration: the same rule the Kubernetes API documents. */
function tolerates(t: Toleration, taint: Taint): boolean {
  const keyOk = t.key === undefined || t.key === '' ? t.operator === 'Exists' : t.key === taint.key;
  const effectOk = !t.effect || t.effect === taint.effect;
  const valueOk = t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
  return keyOk && effectOk && valueOk;
}

/** When the pod goes (ms after the taint), or undefined for never. */
export function evictionDelay(tolerations: Toleration[], taints: Taint[]): number | undefined {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return undefined;
  const seconds: number[] = [];
  for (const taint of noExecute) {
    const first = tolerations.find((t) => tolerates(t, taint));
    if (!first) return 0;
    if (first.tolerationSeconds !== undefined) seconds.push(Math.max(0, first.tolerationSeconds));
  }
  return seconds.length ? Math.min(...seconds) * 1000 : undefined;
}

const toleration: fc.Arbitrary<Toleration> = fc.record(
  {
    key: fc.constantFrom(...KEYS, ''),
    effect: fc.constantFrom('NoExecute', 'NoSchedule', ''),
    tolerationSeconds: fc.option(fc.integer({ min: -5, max: 400 }), { nil: undefined }),
  },
  { requiredKeys: ['key', 'effect'] },
).map(({ key, effect, tolerationSeconds }) => ({
  ...(key ? { key } : {}),
  operator: 'Exists' as const,
  ...(effect ? { effect } : {}),
  ...(tolerationSeconds !== undefined && effect === 'NoExecute' ? { tolerationSeconds } : {}), // the API allows seconds only with NoExecute
}));

test('pods are marked for deletion exactly when their toleration of the NoExecute taints runs out, and only then', async (t) => {
  let pods = 0;
  let evicted = 0;
  let cancelled = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(toleration, { maxLength: 4 }), { minLength: 1, maxLength: 6 }),
      fc.subarray([...KEYS.map((key) => ({ key, effect: 'NoExecute' as const })), { key: 'example.com/c', effect: 'NoSchedule' as const }], { minLength: 1 }),
      fc.integer({ min: 1, max: 60 }),
      fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
      async (tolerationsPerPod, taints, taintAfterSeconds, liftAfterSeconds) => {
        // The node controller must leave this played node alone: a grace period longer than the test.
        const cluster = await new ReferenceCluster({ settings: { nodeMonitorGracePeriodMs: 3_600_000 } }).start();
        try {
          const clock = cluster.clock as VirtualClock;
          const admin = cluster.client();
          const now = cluster.clock.timestamp();
          await admin.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'played' }, status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: now, lastTransitionTime: now }] } });
          const created: Array<{ name: string; tolerations: Toleration[] }> = [];
          for (const [i, tolerations] of tolerationsPerPod.entries()) {
            const pod = await admin.create<Pod & KubeObject>('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'default' }, spec: { nodeName: 'played', tolerations, containers: [{ name: 'c', image: 'nginx' }] } }, { namespace: 'default' });
            created.push({ name: `p${i}`, tolerations: pod.spec.tolerations ?? [] }); // as admitted, with the defaults added
          }
          const marked = new Map<string, number>();
          const watch = await admin.watch<Pod & KubeObject>('pods', { namespace: 'default' }, (e) => {
            if (e.object.metadata.deletionTimestamp && !marked.has(e.object.metadata.name ?? '')) marked.set(e.object.metadata.name ?? '', clock.now());
          });
          const taintAt = taintAfterSeconds * 1000;
          await clock.advance(taintAt - clock.now());
          const node = await admin.get<Node & KubeObject>('nodes', 'played');
          await admin.update('nodes', { ...node, spec: { ...node.spec, taints: taints.map((x) => ({ ...x, timeAdded: cluster.clock.timestamp() })) } });
          // Lifting the taints half a second off the second, so never at the instant an eviction is due.
          const liftAt = liftAfterSeconds === undefined ? Infinity : taintAt + liftAfterSeconds * 1000 + 500;
          if (Number.isFinite(liftAt)) {
            await clock.advance(liftAt - clock.now());
            const tainted = await admin.get<Node & KubeObject>('nodes', 'played');
            await admin.update('nodes', { ...tainted, spec: { ...tainted.spec, taints: [] } });
          }
          await clock.advance(taintAt + 600_000 - clock.now());
          watch.stop();
          for (const pod of created) {
            const delay = evictionDelay(pod.tolerations, taints);
            const expected = delay !== undefined && taintAt + delay < liftAt ? taintAt + delay : undefined;
            assert.equal(marked.get(pod.name), expected, `${pod.name} tolerations ${JSON.stringify(pod.tolerations)}, taints ${JSON.stringify(taints)}, lifted at ${liftAt}`);
            pods++;
            if (expected !== undefined) evicted++;
            else if (delay !== undefined) cancelled++;
          }
          assert.deepEqual(cluster.work.errors, []);
        } finally {
          await cluster.stop();
        }
      },
    ),
    { numRuns: NUM_RUNS },
  );
  t.diagnostic(`numRuns ${NUM_RUNS}: ${pods} pods checked, ${evicted} evicted at the oracle's time, ${cancelled} saved by the taints going away, the rest never due`);
});

test('the oracle itself: the smallest seconds of the first matching tolerations; at once when untolerated; never without seconds', () => {
  const a: Taint = { key: 'example.com/a', effect: 'NoExecute' };
  const b: Taint = { key: 'example.com/b', effect: 'NoExecute' };
  assert.equal(evictionDelay([{ key: 'example.com/a', operator: 'Exists', tolerationSeconds: 300 }], [a]), 300_000);
  assert.equal(evictionDelay([{ key: 'example.com/a', operator: 'Exists', tolerationSeconds: 300 }], [a, b]), 0);
  assert.equal(evictionDelay([{ operator: 'Exists' }], [a, b]), undefined);
  assert.equal(evictionDelay([{ operator: 'Exists', tolerationSeconds: 50 }, { key: 'example.com/b', operator: 'Exists', tolerationSeconds: 10 }], [a, b]), 50_000);
});
