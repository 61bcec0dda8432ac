/**
 * Property: when every node stops reporting, within a window shorter than
 * the pods' toleration, the node controller takes it for its own problem
 * ("every zone down"): no pod is ever marked for deletion and no NoExecute
 * taint is left, whatever the zones, timings and order of the silences.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import { ReferenceCluster } from '../cluster.ts';
import type { VirtualClock } from '../runtime/clock.ts';

const NUM_RUNS = 60;

test('with every node silent, nothing is evicted and no NoExecute taint stays', async (t) => {
  let nodesSeen = 0;
  let taintedMeanwhile = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom('zone-a', 'zone-b', undefined), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 2, max: 10 }),
      fc.integer({ min: 60, max: 300 }),
      fc.array(fc.double({ min: 0, max: 0.25, noNaN: true }), { minLength: 4, maxLength: 4 }),
      async (zones, periodSeconds, graceInPeriods, toleration, offsets) => {
        const period = periodSeconds * 1000;
        const cluster = await new ReferenceCluster({ settings: { nodeMonitorPeriodMs: period, nodeMonitorGracePeriodMs: graceInPeriods * period, defaultTolerationSeconds: toleration } }).start();
        try {
          const clock = cluster.clock as VirtualClock;
          const admin = cluster.client();
          const names = zones.map((_, i) => `worker-${i + 1}`);
          for (const [i, zone] of zones.entries()) await cluster.nodes.add({ name: names[i]!, ...(zone ? { labels: { 'topology.kubernetes.io/zone': zone } } : {}) });
          for (const name of names) {
            await admin.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `on-${name}` }, spec: { nodeName: name, containers: [{ name: 'c', image: 'nginx:1.27' }] } }, { namespace: 'default' });
          }
          let marked = 0;
          let noExecuteSeen = 0;
          const pods = await admin.watch<Pod & KubeObject>('pods', { namespace: 'default' }, (e) => {
            if (e.object.metadata.deletionTimestamp) marked++;
          });
          const nodes = await admin.watch<Node & KubeObject>('nodes', {}, (e) => {
            if (e.object.spec?.taints?.some((x) => x.effect === 'NoExecute')) noExecuteSeen++;
          });
          // Each node goes silent at its own moment, all within a quarter of the toleration.
          const silences = names.map((name, i) => ({ name, at: 10_000 + Math.floor(offsets[i]! * toleration * 1000) })).sort((a, b) => a.at - b.at);
          for (const s of silences) {
            await clock.advance(s.at - clock.now());
            await cluster.nodes.silence(s.name);
          }
          await clock.advance(3 * toleration * 1000 + graceInPeriods * period);
          pods.stop();
          nodes.stop();
          assert.equal(marked, 0, 'pods were marked for deletion');
          for (const n of (await admin.list<Node & KubeObject>('nodes')).items) {
            assert.equal(n.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'Unknown', `node ${n.metadata.name}`);
            assert.deepEqual((n.spec?.taints ?? []).filter((x) => x.effect === 'NoExecute'), [], `node ${n.metadata.name} keeps a NoExecute taint`);
          }
          assert.deepEqual(cluster.work.errors, []);
          nodesSeen += names.length;
          if (noExecuteSeen) taintedMeanwhile++;
        } finally {
          await cluster.stop();
        }
      },
    ),
    { numRuns: NUM_RUNS },
  );
  t.diagnostic(`numRuns ${NUM_RUNS}: ${nodesSeen} silent nodes, none evicted; in ${taintedMeanwhile} runs a NoExecute taint came and was lifted when the last zone went down`);
});
