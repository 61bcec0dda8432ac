/**
 * The envelope: 5,000 nodes and 150,000 pods, all Running, in one reference
 * cluster. Wall time from the first node added to the last pod seen Running
 * (through a watch), and the process's peak resident memory. Baselines from
 * the same run: the time to add the nodes alone, and the memory of the
 * cluster holding them before any pod.
 */
import type { KubeObject } from '../spec/objects/meta.ts';
import { referenceAdapter } from '../harness/adapters/reference.ts';
import { peakRssMiB, scaled, SCALE, type Benchmark } from './figures.ts';
import { addNodes, BENCH_SETTINGS, benchPod, createAll, whenPodsReach } from './load.ts';

const NODES = scaled(5000);
const PODS = scaled(150_000);
const CONCURRENCY = 16;

const running = (pod: KubeObject) => (pod.status as { phase?: string } | undefined)?.phase === 'Running';

export default {
  id: 'envelope',
  title: `envelope: ${NODES} nodes and ${PODS} pods, all Running${SCALE !== 1 ? ` (KUBESPEC_BENCH_SCALE=${SCALE})` : ''}`,
  async run() {
    const started = performance.now();
    const cluster = await referenceAdapter.start({ settings: BENCH_SETTINGS });
    await addNodes(cluster, NODES);
    await cluster.settle();
    const nodesSeconds = (performance.now() - started) / 1000;
    const idleRss = process.memoryUsage().rss / 2 ** 20;
    const admin = cluster.client();
    const allRunning = await whenPodsReach(admin, PODS, running);
    const podsStarted = performance.now();
    let created = 0;
    const progress = setInterval(() => console.log(`  ${created} pods created, ${((performance.now() - podsStarted) / 1000).toFixed(0)} s`), 15_000);
    await createAll(PODS, CONCURRENCY, async (i) => {
      await admin.create('pods', benchPod(i), { namespace: 'default' });
      created++;
    });
    const last = await allRunning.reached;
    clearInterval(progress);
    allRunning.stop();
    const wallSeconds = (last - started) / 1000;
    const peak = peakRssMiB();
    await cluster.settle();
    return {
      id: 'envelope',
      title: this.title,
      figures: [
        {
          id: 'envelope.wall_s',
          label: `${NODES} nodes then ${PODS} pods, all Running`,
          value: wallSeconds,
          unit: 's',
          better: 'lower',
          target: 60,
          baseline: { label: `adding the ${NODES} nodes alone`, value: nodesSeconds },
        },
        {
          id: 'envelope.peak_rss_mib',
          label: 'peak resident memory',
          value: peak,
          unit: 'MiB',
          better: 'lower',
          target: 4096,
          baseline: { label: `the cluster with its ${NODES} nodes, before any pod`, value: idleRss },
        },
      ],
      details: { scale: SCALE, concurrency: CONCURRENCY, podsSeconds: (last - podsStarted) / 1000, podsPerSecond: PODS / ((last - podsStarted) / 1000) },
    };
  },
} satisfies Benchmark;
