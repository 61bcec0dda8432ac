/**
 * Properties of the decision over random clusters (1 to 200 nodes, random
 * capacities and pods already bound) and random pods, each checked against
 * a brute-force oracle written here from the formulas in K8S-FACTS.md, with
 * BigInt arithmetic and no code shared with the scheduler.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Node } from '../../spec/objects/node.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import { seededRandom } from '../runtime/random.ts';
import { SchedulerCache } from './cache.ts';
import { evaluate } from './evaluate.ts';
import { podInfo } from './framework/pod-info.ts';
import { PROFILES } from './profiles.ts';

const NUM_RUNS = 500;
const MI = 1024n * 1024n;

// ---- the model: plain numbers (cpu in millicores, memory in MiB) ----
interface NodeSpec { cpu: number; memMi: number; pods: number }
interface PodSpec { cpu?: number; memMi?: number }
interface Cluster { nodes: NodeSpec[]; bound: Array<{ node: number; pod: PodSpec }> }

const podSpec = fc.record({ cpu: fc.option(fc.integer({ min: 0, max: 8_000 }), { nil: undefined }), memMi: fc.option(fc.integer({ min: 0, max: 16_384 }), { nil: undefined }) });
const nodeSpec = fc.record({ cpu: fc.integer({ min: 0, max: 32_000 }), memMi: fc.integer({ min: 0, max: 65_536 }), pods: fc.integer({ min: 0, max: 12 }) });
const cluster: fc.Arbitrary<Cluster> = fc.array(nodeSpec, { minLength: 1, maxLength: 200, size: 'max' }).chain((nodes) =>
  fc.record({ nodes: fc.constant(nodes), bound: fc.array(fc.record({ node: fc.nat({ max: nodes.length - 1 }), pod: podSpec }), { maxLength: 300, size: 'max' }) }),
);

const nodeName = (i: number) => `node-${i}`;
function toNode(n: NodeSpec, i: number): Node {
  return { metadata: { name: nodeName(i) }, status: { allocatable: { cpu: `${n.cpu}m`, memory: `${n.memMi}Mi`, pods: n.pods } } };
}
function toPod(p: PodSpec, name: string, node?: number): Pod {
  const requests: Record<string, string> = {};
  if (p.cpu !== undefined) requests.cpu = `${p.cpu}m`;
  if (p.memMi !== undefined) requests.memory = `${p.memMi}Mi`;
  return { metadata: { name, namespace: 'default' }, spec: { ...(node !== undefined ? { nodeName: nodeName(node) } : {}), containers: [{ name: 'c', image: 'i', resources: { requests } }] } };
}
function cacheOf(c: Cluster): SchedulerCache {
  const cache = new SchedulerCache();
  c.nodes.forEach((n, i) => cache.setNode(toNode(n, i)));
  c.bound.forEach((b, i) => cache.updatePod(toPod(b.pod, `bound-${i}`, b.node)));
  return cache;
}

// ---- the oracle ----
const realCpu = (p: PodSpec) => BigInt(p.cpu ?? 0);
const realMem = (p: PodSpec) => BigInt(p.memMi ?? 0) * MI;
const scoredCpu = (p: PodSpec) => BigInt(p.cpu ?? 100);
const scoredMem = (p: PodSpec) => (p.memMi === undefined ? 200n * MI : BigInt(p.memMi) * MI);

function oracleFits(c: Cluster, i: number, p: PodSpec): boolean {
  const n = c.nodes[i]!;
  const on = c.bound.filter((b) => b.node === i).map((b) => b.pod);
  const usedCpu = on.reduce((s, q) => s + realCpu(q), 0n);
  const usedMem = on.reduce((s, q) => s + realMem(q), 0n);
  if (on.length + 1 > n.pods) return false;
  if (realCpu(p) > 0n && realCpu(p) > BigInt(n.cpu) - usedCpu) return false;
  if (realMem(p) > 0n && realMem(p) > BigInt(n.memMi) * MI - usedMem) return false;
  return true;
}

function oracleScore(c: Cluster, i: number, p: PodSpec): bigint {
  const n = c.nodes[i]!;
  const on = c.bound.filter((b) => b.node === i).map((b) => b.pod);
  const left = (cap: bigint, req: bigint) => (cap === 0n || req > cap ? 0n : ((cap - req) * 100n) / cap);
  const cpu = left(BigInt(n.cpu), on.reduce((s, q) => s + scoredCpu(q), scoredCpu(p)));
  const mem = left(BigInt(n.memMi) * MI, on.reduce((s, q) => s + scoredMem(q), scoredMem(p)));
  return (cpu + mem) / 2n;
}

/** The nodes a decision may choose from: all feasible ones, or under sampling the first ones found from `start`. */
function oracleCandidates(c: Cluster, p: PodSpec, start: number): number[] {
  const all = c.nodes.length;
  const pct = Math.max(5, 50 - Math.floor(all / 125));
  const enough = all < 100 ? all : Math.max(100, Math.floor((all * pct) / 100));
  const found: number[] = [];
  for (let k = 0; k < all && found.length < enough; k++) if (oracleFits(c, (start + k) % all, p)) found.push((start + k) % all);
  return found;
}

test('the chosen node is a best-scoring feasible node, and a pod is unschedulable exactly when no node fits', (t) => {
  let cases = 0;
  let unschedulable = 0;
  let sampled = 0;
  fc.assert(
    fc.property(cluster, podSpec, fc.nat(), (c, p, startSeed) => {
      const start = startSeed % c.nodes.length;
      const e = evaluate(podInfo(toPod(p, 'new')), cacheOf(c).snapshot(), PROFILES.note, { startIndex: start, pick: () => 0 });
      const anyFits = c.nodes.some((_, i) => oracleFits(c, i, p));
      assert.equal(e.selected === null, !anyFits, 'unschedulable exactly when no node fits');
      cases++;
      if (c.nodes.length >= 100) sampled++;
      if (!e.selected) return void unschedulable++;
      const candidates = oracleCandidates(c, p, start);
      const chosen = Number(e.selected.slice('node-'.length));
      assert.ok(candidates.includes(chosen), `${e.selected} is not among the nodes the oracle would check`);
      const best = candidates.reduce((m, i) => (oracleScore(c, i, p) > m ? oracleScore(c, i, p) : m), -1n);
      assert.equal(oracleScore(c, chosen, p), best, `${e.selected} scores below the best`);
      assert.equal(BigInt(e.nodes.find((n) => n.name === e.selected)!.total!), best, 'the reported total is the oracle\'s score');
    }),
    { numRuns: NUM_RUNS },
  );
  t.diagnostic(`numRuns ${NUM_RUNS}: ${cases} decisions checked against the oracle, ${unschedulable} unschedulable, ${sampled} in clusters of 100+ nodes (sampled)`);
});

// A sequence of creates (placed by the scheduler's own cache and decision) and deletes.
const op = fc.oneof(fc.record({ create: podSpec }), fc.record({ remove: fc.nat() }));

function runSequence(nodes: NodeSpec[], ops: Array<{ create: PodSpec } | { remove: number }>, seed: number, afterEach: (placed: Cluster['bound']) => void = () => {}) {
  const cache = new SchedulerCache();
  nodes.forEach((n, i) => cache.setNode(toNode(n, i)));
  const random = seededRandom(seed);
  const placed: Cluster['bound'] = [];
  const names: string[] = [];
  const decisions: Array<string | null> = [];
  let start = 0;
  for (const [k, o] of ops.entries()) {
    if ('create' in o) {
      const e = evaluate(podInfo(toPod(o.create, `p${k}`)), cache.snapshot(), PROFILES.note, { startIndex: start, pick: (n) => random.int(n) });
      start = e.nextStartIndex;
      decisions.push(e.selected);
      if (!e.selected) continue;
      const node = Number(e.selected.slice('node-'.length));
      cache.assume(podInfo(toPod(o.create, `p${k}`)), e.selected);
      cache.updatePod(toPod(o.create, `p${k}`, node)); // the binding seen through the watch
      placed.push({ node, pod: o.create });
      names.push(`p${k}`);
    } else if (placed.length) {
      const at = o.remove % placed.length;
      cache.removePod(`default/${names[at]}`);
      placed.splice(at, 1);
      names.splice(at, 1);
    }
    afterEach(placed);
  }
  return { placed, decisions };
}

test('soundness: whatever the creates and deletes, no node is ever asked for more than it can allocate', (t) => {
  let steps = 0;
  fc.assert(
    fc.property(fc.array(nodeSpec, { minLength: 1, maxLength: 200, size: 'max' }), fc.array(op, { maxLength: 60, size: 'max' }), fc.nat(), (nodes, ops, seed) => {
      runSequence(nodes, ops, seed, (placed) => {
        nodes.forEach((n, i) => {
          const on = placed.filter((b) => b.node === i).map((b) => b.pod);
          assert.ok(on.length <= n.pods, `node-${i} holds ${on.length} pods, allows ${n.pods}`);
          assert.ok(on.reduce((s, q) => s + realCpu(q), 0n) <= BigInt(n.cpu), `node-${i} over-committed on cpu`);
          assert.ok(on.reduce((s, q) => s + realMem(q), 0n) <= BigInt(n.memMi) * MI, `node-${i} over-committed on memory`);
        });
        steps++;
      });
    }),
    { numRuns: 200 },
  );
  t.diagnostic(`numRuns 200: ${steps} states after a create or delete checked`);
});

test('determinism: the same cluster, pods and seed give the same decisions, ties included', (t) => {
  let decisions = 0;
  const sameNodes = fc.tuple(nodeSpec, fc.integer({ min: 1, max: 200 })).map(([n, k]) => Array<NodeSpec>(k).fill(n));
  fc.assert(
    fc.property(fc.oneof(sameNodes, fc.array(nodeSpec, { minLength: 1, maxLength: 200, size: 'max' })), fc.array(op, { maxLength: 40, size: 'max' }), fc.nat(), (nodes, ops, seed) => {
      const first = runSequence(nodes, ops, seed);
      assert.deepEqual(runSequence(nodes, ops, seed), first);
      decisions += first.decisions.length;
    }),
    { numRuns: 200 },
  );
  t.diagnostic(`numRuns 200: ${decisions} decisions replayed`);
});

test('a decision without verdicts chooses as the full one does: same node, same next start, same tie-breaks asked for', (t) => {
  let decisions = 0;
  const sameNodes = fc.tuple(nodeSpec, fc.integer({ min: 1, max: 200 })).map(([n, k]) => Array<NodeSpec>(k).fill(n));
  fc.assert(
    fc.property(fc.oneof(sameNodes, cluster.map((c) => c.nodes)), podSpec, fc.nat(), fc.nat(), (nodes, p, startSeed, seed) => {
      const snapshot = cacheOf({ nodes, bound: [] }).snapshot();
      const decide = (verdicts: boolean) => {
        const random = seededRandom(seed);
        const asked: number[] = [];
        const e = evaluate(podInfo(toPod(p, 'new')), snapshot, PROFILES.note, { startIndex: startSeed % nodes.length, pick: (n) => (asked.push(n), random.int(n)), verdicts });
        return { selected: e.selected, next: e.nextStartIndex, failure: e.failure, asked };
      };
      assert.deepEqual(decide(false), decide(true));
      decisions++;
    }),
    { numRuns: NUM_RUNS },
  );
  t.diagnostic(`numRuns ${NUM_RUNS}: ${decisions} decisions made both ways`);
});
