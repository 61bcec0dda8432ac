/**
 * Pods scheduled per second on 1000 nodes. Baseline: a naive decision that,
 * like the walking-skeleton scheduler, re-adds every pod's requests for
 * every node it checks. Against it: the framework's decision with the
 * cache's running totals and sampling, and the whole reference cluster
 * (api-server, watches, binding, events) on the same nodes. In the whole
 * cluster most of the time goes to the api-server decoding each stored event
 * once per watcher (1000 kubelets watch pods), not to the scheduler.
 */
import type { Pod } from '../spec/objects/pod.ts';
import { ReferenceCluster } from '../reference/cluster.ts';
import { isTerminal, podRequests, allocatable } from '../reference/api/pod-resources.ts';
import { seededRandom } from '../reference/runtime/random.ts';
import { SchedulerCache } from '../reference/scheduler/cache.ts';
import { evaluate } from '../reference/scheduler/evaluate.ts';
import { podInfo } from '../reference/scheduler/framework/pod-info.ts';
import { testNode, testPod } from '../reference/scheduler/framework/fixtures.ts';
import { PROFILES } from '../reference/scheduler/profiles.ts';
import type { Benchmark, Measurement } from './run.ts';

const NODES = 1000;
const nodes = Array.from({ length: NODES }, (_, i) => testNode(`node-${i}`, { cpu: '32', memory: '128Gi', pods: 110 }));
const newPod = (i: number) => testPod(`p${i}`, { cpu: `${100 + (i % 7) * 50}m`, memory: `${128 + (i % 5) * 64}Mi` });

function rate(name: string, pods: number, started: bigint): Measurement {
  return { name, rate: pods / (Number(process.hrtime.bigint() - started) / 1e9), unit: 'pods/s' };
}

function naive(pods: number): Measurement {
  const placed: Pod[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < pods; i++) {
    const pod = newPod(i);
    const want = podRequests(pod);
    let best = -1;
    let chosen = '';
    for (const node of nodes) {
      const free = allocatable(node.status?.allocatable);
      const used: Record<string, number> = { pods: 0 };
      for (const p of placed) {
        if (p.spec.nodeName !== node.metadata.name || isTerminal(p)) continue;
        used.pods! += 1;
        for (const [r, v] of Object.entries(podRequests(p))) used[r] = (used[r] ?? 0) + v;
      }
      if (used.pods! + 1 > (free.pods ?? 0) || Object.entries(want).some(([r, v]) => v > (free[r] ?? 0) - (used[r] ?? 0))) continue;
      const left = (r: string) => Math.floor((((free[r] ?? 0) - (used[r] ?? 0) - (want[r] ?? 0)) * 100) / (free[r] ?? 1));
      const score = Math.floor((left('cpu') + left('memory')) / 2);
      if (score > best) [best, chosen] = [score, node.metadata.name!];
    }
    placed.push({ ...pod, spec: { ...pod.spec, nodeName: chosen } });
  }
  return rate(`naive full scan (baseline), ${pods} pods`, pods, started);
}

function framework(pods: number): Measurement {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.setNode(n);
  const random = seededRandom(1);
  let start = 0;
  const began = process.hrtime.bigint();
  for (let i = 0; i < pods; i++) {
    const info = podInfo(newPod(i));
    const e = evaluate(info, cache.snapshot(), PROFILES.note, { startIndex: start, pick: (n) => random.int(n) });
    start = e.nextStartIndex;
    if (e.selected) cache.assume(info, e.selected);
  }
  return rate(`framework decision + cache (sampling 42 %), ${pods} pods`, pods, began);
}

async function wholeCluster(pods: number): Promise<Measurement> {
  // 1000 nodes need more /24 pod ranges than the default 10.244.0.0/16 holds.
  const cluster = await new ReferenceCluster({ settings: { clusterCIDR: '172.16.0.0/12' } }).start();
  for (let i = 0; i < NODES; i++) await cluster.nodes.add({ name: `node-${i}`, cpu: '32', memory: '128Gi', pods: 110 });
  const admin = cluster.client();
  const began = process.hrtime.bigint();
  for (let i = 0; i < pods; i++) await admin.create('pods', newPod(i), { namespace: 'default' });
  await cluster.settle();
  const result = rate(`whole reference cluster (api-server, binding, kubelets), ${pods} pods`, pods, began);
  await cluster.stop();
  return result;
}

export default {
  title: `scheduling on ${NODES} nodes`,
  async run() {
    return [naive(300), framework(5000), await wholeCluster(500)];
  },
} satisfies Benchmark;
