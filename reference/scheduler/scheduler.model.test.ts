/**
 * The running scheduler in a whole reference cluster (api-server, watches,
 * kubelets), driven by random creates and deletes: once the cluster
 * settles, no node holds more than it can allocate, every pod still
 * waiting fits on no node (checked by a brute-force oracle written here),
 * and the same seed replays the same placements.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import { ReferenceCluster } from '../cluster.ts';

const NUM_RUNS = 100;
type PodObject = Pod & KubeObject;
interface NodeSpec { cpu: number; memMi: number; pods: number }
type Op = { create: { cpu: number; memMi: number } } | { remove: number };

const nodeSpec = fc.record({ cpu: fc.integer({ min: 500, max: 4_000 }), memMi: fc.integer({ min: 256, max: 4_096 }), pods: fc.integer({ min: 1, max: 4 }) });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ create: fc.record({ cpu: fc.integer({ min: 0, max: 2_000 }), memMi: fc.integer({ min: 0, max: 2_048 }) }) }) },
  { weight: 1, arbitrary: fc.record({ remove: fc.nat() }) },
);

async function play(nodes: NodeSpec[], ops: Op[], seed: number): Promise<{ pods: PodObject[]; placements: Record<string, string | null> }> {
  const cluster = await new ReferenceCluster({ settings: { seed } }).start();
  try {
    for (const [i, n] of nodes.entries()) await cluster.nodes.add({ name: `node-${i}`, cpu: `${n.cpu}m`, memory: `${n.memMi}Mi`, pods: n.pods });
    const admin = cluster.client();
    const live: string[] = [];
    for (const [k, o] of ops.entries()) {
      if ('create' in o) {
        const requests = { cpu: `${o.create.cpu}m`, memory: `${o.create.memMi}Mi` };
        await admin.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${k}` }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests } }] } }, { namespace: 'default' });
        live.push(`p${k}`);
      } else if (live.length) {
        const [name] = live.splice(o.remove % live.length, 1);
        // A binding may land between the api-server's read and its delete; the api-server retries, not the client.
        await admin.delete('pods', name!, { namespace: 'default', gracePeriodSeconds: 0 });
      }
      // Without settling, the next pod is decided before earlier bindings come back through the watch.
      if (k % 3 === 2) await cluster.settle();
    }
    await cluster.settle();
    assert.deepEqual(cluster.work.errors, [], 'no component hit an unexpected error');
    const pods = (await admin.list<PodObject>('pods', { namespace: 'default' })).items;
    return { pods, placements: Object.fromEntries(pods.map((p) => [p.metadata.name!, p.spec.nodeName ?? null])) };
  } finally {
    await cluster.stop();
  }
}

const MI = 1024 * 1024;
const cpuOf = (p: PodObject) => parseInt(String(p.spec.containers[0]!.resources!.requests!.cpu), 10);
const memOf = (p: PodObject) => parseInt(String(p.spec.containers[0]!.resources!.requests!.memory), 10) * MI;

test('the running scheduler never over-commits a node, and leaves waiting only pods that fit nowhere', async (t) => {
  let pods = 0;
  let waiting = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(nodeSpec, { minLength: 1, maxLength: 4 }), fc.array(op, { minLength: 1, maxLength: 12, size: 'max' }), fc.nat(), async (nodes, ops, seed) => {
      const result = await play(nodes, ops, seed);
      const onNode = (i: number) => result.pods.filter((p) => p.spec.nodeName === `node-${i}`);
      nodes.forEach((n, i) => {
        const on = onNode(i);
        assert.ok(on.length <= n.pods, `node-${i} holds ${on.length} pods, allows ${n.pods}`);
        assert.ok(on.reduce((s, p) => s + cpuOf(p), 0) <= n.cpu, `node-${i} over-committed on cpu`);
        assert.ok(on.reduce((s, p) => s + memOf(p), 0) <= n.memMi * MI, `node-${i} over-committed on memory`);
      });
      for (const p of result.pods.filter((q) => !q.spec.nodeName)) {
        const fitsSomewhere = nodes.some((n, i) => {
          const on = onNode(i);
          const cpuFree = n.cpu - on.reduce((s, q) => s + cpuOf(q), 0);
          const memFree = n.memMi * MI - on.reduce((s, q) => s + memOf(q), 0);
          return on.length + 1 <= n.pods && (cpuOf(p) === 0 || cpuOf(p) <= cpuFree) && (memOf(p) === 0 || memOf(p) <= memFree);
        });
        assert.equal(fitsSomewhere, false, `pod ${p.metadata.name} waits although a node has room for it`);
        const condition = p.status?.conditions?.find((c) => c.type === 'PodScheduled');
        assert.deepEqual([condition?.status, condition?.reason], ['False', 'Unschedulable']);
        waiting++;
      }
      pods += result.pods.length;
    }),
    { numRuns: NUM_RUNS },
  );
  t.diagnostic(`numRuns ${NUM_RUNS}: ${pods} pods checked at rest, ${waiting} of them waiting for room`);
});

test('the same seed replays the same placements through the whole cluster', async (t) => {
  let placements = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 2, max: 4 }), fc.array(op, { minLength: 1, maxLength: 8 }), fc.nat(), async (count, ops, seed) => {
      const equal = Array<NodeSpec>(count).fill({ cpu: 4_000, memMi: 4_096, pods: 8 }); // equal nodes: every decision starts as a tie
      const first = await play(equal, ops, seed);
      assert.deepEqual((await play(equal, ops, seed)).placements, first.placements);
      placements += Object.keys(first.placements).length;
    }),
    { numRuns: 30 },
  );
  t.diagnostic(`numRuns 30: ${placements} placements replayed`);
});
