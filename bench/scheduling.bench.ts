/**
 * Whole-cluster scheduling throughput (scheduler_perf's SchedulingBasic
 * shape): 5,000 simulated nodes whose kubelets watch their pods, 10,000
 * pods created through the API by 16 concurrent clients, timed from the
 * first create to the moment a watch has seen the last pod bound. Beside
 * it: the real kube-scheduler and kube-apiserver on the same nodes and pods
 * when the real-k8s adapter and its binaries are there (the headline
 * ratio); the scheduler's decision alone on the same nodes (the ceiling of
 * the whole cluster); and the cost per pod at 1,000, 2,000 and 5,000 nodes,
 * which should stay flat.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Adapter } from '../spec/adapter.ts';
import { referenceAdapter } from '../harness/adapters/reference.ts';
import { seededRandom } from '../reference/runtime/random.ts';
import { SchedulerCache } from '../reference/scheduler/cache.ts';
import { evaluate } from '../reference/scheduler/evaluate.ts';
import { podInfo } from '../reference/scheduler/framework/pod-info.ts';
import { testNode } from '../reference/scheduler/framework/fixtures.ts';
import { PROFILES } from '../reference/scheduler/profiles.ts';
import type { Pod } from '../spec/objects/pod.ts';
import { scaled, SCALE, type Benchmark, type Figure } from './figures.ts';
import { addNodes, BENCH_SETTINGS, benchPod, createAll, NODE_SHAPE, registerNodes, whenPodsReach } from './load.ts';

const NODES = scaled(5000);
const PODS = scaled(10_000);
const CURVE = [scaled(1000), scaled(2000), NODES];
const CONCURRENCY = 16;
const REAL_K8S = path.resolve(import.meta.dirname, '../harness/adapters/real-k8s/real-k8s.ts');

interface Run {
  podsPerS: number;
  nodesSeconds: number;
  /** Set when not every pod was bound by the deadline: the rate is over those that were. */
  note?: string;
}

/** The real control plane gets this long for its nodes, then as long again for its pods, so that `npm run bench` ends in time. */
const REAL_DEADLINE_MS = 4 * 60_000;

/** Nodes with simulated kubelets that watch their pods and run them, or bare Node objects as scheduler_perf registers them. */
type NodeKind = 'kubelets' | 'objects';

async function throughput(adapter: Adapter, nodes: number, pods: number, kind: NodeKind = 'kubelets', deadlineMs = Infinity): Promise<Run> {
  const cluster = await adapter.start({ settings: BENCH_SETTINGS });
  try {
    const t = performance.now();
    const admin = cluster.client();
    for (let i = 0; i < nodes; i += 100) {
      if (performance.now() - t > deadlineMs) throw new Error(`only ${i} of ${nodes} nodes were added in the ${(deadlineMs / 1000).toFixed(0)} s allowed`);
      if (kind === 'kubelets') await addNodes(cluster, Math.min(100, nodes - i), i);
      else await registerNodes(admin, Math.min(100, nodes - i), i);
    }
    await cluster.settle();
    const nodesSeconds = (performance.now() - t) / 1000;
    const bound = await whenPodsReach(admin, pods);
    const first = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      if (Number.isFinite(deadlineMs)) timer = setTimeout(() => resolve('deadline'), deadlineMs);
    });
    const creating = createAll(pods, CONCURRENCY, (i) => admin.create('pods', benchPod(i), { namespace: 'default' }));
    const last = await Promise.race([creating.then(() => bound.reached), deadline]);
    clearTimeout(timer);
    bound.stop();
    if (last === 'deadline') {
      const seconds = (performance.now() - first) / 1000;
      return { podsPerS: bound.count() / seconds, nodesSeconds, note: `${bound.count()} of ${pods} pods bound when the ${seconds.toFixed(0)} s allowed ran out; the rate is over those` };
    }
    await cluster.settle();
    return { podsPerS: pods / ((last - first) / 1000), nodesSeconds };
  } finally {
    await cluster.stop();
  }
}

/** The scheduler's decision alone (framework, cache, sampling) for the same pods on the same nodes. */
function decisionOnly(nodes: number, pods: number): number {
  const cache = new SchedulerCache();
  for (let i = 0; i < nodes; i++) cache.setNode(testNode(`node-${i}`, NODE_SHAPE));
  const random = seededRandom(1);
  let start = 0;
  const began = performance.now();
  for (let i = 0; i < pods; i++) {
    const info = podInfo(benchPod(i) as unknown as Pod);
    const e = evaluate(info, cache.snapshot(), PROFILES.note, { startIndex: start, pick: (n) => random.int(n), verdicts: false });
    start = e.nextStartIndex;
    if (e.selected) cache.assume(info, e.selected);
  }
  return pods / ((performance.now() - began) / 1000);
}

/** The real control plane, when its adapter has landed and its binaries are built; otherwise why not. */
async function realK8s(): Promise<{ run?: Run; note?: string }> {
  if (!existsSync(REAL_K8S)) return { note: 'not measured: the real-k8s launcher (harness/adapters/real-k8s/, issue 11) is not in this tree yet' };
  try {
    const mod = (await import(pathToFileURL(REAL_K8S).href)) as { default?: Adapter };
    if (!mod.default) return { note: 'not measured: harness/adapters/real-k8s/real-k8s.ts has no default adapter export' };
    return { run: await throughput(mod.default, NODES, PODS, 'objects', REAL_DEADLINE_MS) };
  } catch (e) {
    return { note: `not measured: the real control plane did not run (${e instanceof Error ? e.message : String(e)})` };
  }
}

export default {
  id: 'scheduling',
  title: `scheduling: ${NODES} nodes, ${PODS} pods through the API${SCALE !== 1 ? ` (KUBESPEC_BENCH_SCALE=${SCALE})` : ''}`,
  async run() {
    const curve = new Map<number, Run>();
    for (const nodes of CURVE) {
      console.log(`  reference cluster, ${nodes} nodes, ${PODS} pods ...`);
      curve.set(nodes, await throughput(referenceAdapter, nodes, PODS));
    }
    const reference = curve.get(NODES)!;
    console.log(`  reference cluster, ${NODES} nodes registered as bare objects, ${PODS} pods ...`);
    const referenceObjects = await throughput(referenceAdapter, NODES, PODS, 'objects');
    console.log(`  the real kube-scheduler and kube-apiserver, ${NODES} nodes registered as bare objects, ${PODS} pods ...`);
    const real = await realK8s();
    const realBaseline = { label: 'real kube-scheduler + kube-apiserver, bare Node objects', value: real.run?.podsPerS ?? null, ...(real.note ?? real.run?.note ? { note: real.note ?? real.run?.note } : {}) };
    const decision = decisionOnly(NODES, PODS);
    const usPerPod = (r: Run) => 1e6 / r.podsPerS;
    const base = curve.get(CURVE[0]!)!;
    const figures: Figure[] = [
      {
        id: 'scheduling.bound_pods_per_s',
        label: `whole reference cluster, ${NODES} nodes`,
        value: reference.podsPerS,
        unit: 'pods/s',
        better: 'higher',
        target: 5000,
        baseline: realBaseline,
        note: 'the reference also runs a kubelet per node that watches its pods and starts them; the real control plane is timed as scheduler_perf times it, without kubelets',
      },
      {
        id: 'scheduling.bare_nodes_bound_pods_per_s',
        label: `reference api-server + scheduler, ${NODES} bare Node objects`,
        value: referenceObjects.podsPerS,
        unit: 'pods/s',
        better: 'higher',
        baseline: realBaseline,
        note: "like for like with the real control plane: scheduler_perf's SchedulingBasic shape (its threshold: 270 pods/s)",
      },
      {
        id: 'scheduling.decision_only_pods_per_s',
        label: `the scheduler's decision alone, ${NODES} nodes`,
        value: decision,
        unit: 'pods/s',
        better: 'higher',
        baseline: { label: 'whole reference cluster', value: reference.podsPerS },
        note: 'the ceiling of the whole cluster: filter, score and pick with the cache, no API',
      },
      ...CURVE.map(
        (nodes): Figure => ({
          id: `scheduling.cost_curve.us_per_pod_at_${nodes}_nodes`,
          label: `cost per pod, ${nodes} nodes`,
          value: usPerPod(curve.get(nodes)!),
          unit: 'us/pod',
          better: 'lower',
          baseline: { label: `at ${CURVE[0]} nodes`, value: usPerPod(base) },
        }),
      ),
    ];
    return {
      id: 'scheduling',
      title: this.title,
      figures,
      details: {
        scale: SCALE,
        concurrency: CONCURRENCY,
        nodesAddSeconds: Object.fromEntries([...curve].map(([n, r]) => [n, Math.round(r.nodesSeconds * 10) / 10])),
        ...(real.run ? { realNodesAddSeconds: real.run.nodesSeconds } : {}),
      },
    };
  },
} satisfies Benchmark;
