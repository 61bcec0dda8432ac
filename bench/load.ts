/**
 * Load the benchmarks put on a cluster, through the adapter contract only
 * (spec/adapter.ts), so the reference and a real control plane are driven
 * by the same code: nodes added as the adapter adds them, pods created
 * through the API by a few concurrent clients, and bindings counted from a
 * watch, as scheduler_perf counts them.
 */
import type { ApiClient, ClusterUnderTest, WatchHandle } from '../spec/adapter.ts';
import type { KubeObject } from '../spec/objects/meta.ts';

export const NODE_SHAPE = { cpu: '32', memory: '128Gi', pods: 110 };
/**
 * 5,000 nodes need more /24 pod ranges than the default 10.244.0.0/16 holds.
 * Nodes registered as bare objects (registerNodes) send no heartbeat: an hour's
 * grace keeps the node controller from marking them Unknown mid-run.
 */
export const BENCH_SETTINGS = { clusterCIDR: '10.0.0.0/8', nodeMonitorGracePeriodMs: 3_600_000, nodeStartupGracePeriodMs: 3_600_000 };

/**
 * Adds nodes `first` .. `first + count - 1`, a hundred at a time: a node on a real
 * control plane takes pods only once the node controller (every
 * node-monitor period) has lifted its not-ready taint, so one at a time
 * would time the node controller's period, not the cluster.
 */
export async function addNodes(cluster: ClusterUnderTest, count: number, first = 0): Promise<void> {
  for (let i = first; i < first + count; i += NODES_AT_ONCE) {
    const batch = Math.min(NODES_AT_ONCE, first + count - i);
    await Promise.all(Array.from({ length: batch }, (_, k) => cluster.nodes.add({ name: `node-${i + k}`, ...NODE_SHAPE })));
  }
}
const NODES_AT_ONCE = 100;

/**
 * Registers nodes as scheduler_perf does: Node objects created through the
 * API by an admin client, Ready and with the node shape's capacity, and no
 * kubelet behind them. Their pods are bound and stay Pending, so what is
 * timed is the api-server and the scheduler alone.
 */
export async function registerNodes(client: ApiClient, count: number, first = 0): Promise<void> {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const capacity = { cpu: NODE_SHAPE.cpu, memory: NODE_SHAPE.memory, pods: String(NODE_SHAPE.pods) };
  await createAll(count, 16, async (k) => {
    await client.create('nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `node-${first + k}`, labels: { 'kubernetes.io/hostname': `node-${first + k}` } },
      status: {
        capacity,
        allocatable: capacity,
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }],
      },
    } as KubeObject);
    // The api-server's TaintNodesByCondition admission gives every new node node.kubernetes.io/not-ready:NoSchedule;
    // the node controller lifts it from a Ready node, but at its client's 20 requests/s that takes minutes for
    // thousands of nodes, and the scheduler would be timed waiting for it. Lifted here, as the node is Ready.
    await client.patch('nodes', `node-${first + k}`, { spec: { taints: null } }, { type: 'merge' });
  });
}

/** A small pod as scheduler_perf's default pod template: one container, a little CPU and memory. */
export function benchPod(i: number, namespace = 'default', extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace },
    spec: {
      containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: `${100 + (i % 7) * 50}m`, memory: `${128 + (i % 5) * 64}Mi` } } }],
      ...extra,
    },
  } as KubeObject;
}

/** Runs `create(i)` for i in [0, count) with `concurrency` requests in flight. */
export async function createAll(count: number, concurrency: number, create: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await create(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/**
 * Watches pods and resolves with the time (performance.now()) at which
 * `total` distinct pods have been seen bound to a node, or `predicate`
 * holds for them when given (e.g. Running).
 */
export async function whenPodsReach(
  client: ApiClient,
  total: number,
  predicate: (pod: KubeObject) => boolean = (pod) => Boolean((pod.spec as { nodeName?: string } | undefined)?.nodeName),
): Promise<{ reached: Promise<number>; count: () => number; stop: () => void }> {
  const done = new Set<string>();
  let resolve!: (at: number) => void;
  const reached = new Promise<number>((r) => (resolve = r));
  const handle: WatchHandle = await client.watch('pods', {}, (event) => {
    const key = `${event.object.metadata.namespace}/${event.object.metadata.name}`;
    if (event.type === 'DELETED' || !predicate(event.object)) return;
    if (done.has(key)) return;
    done.add(key);
    if (done.size === total) resolve(performance.now());
  });
  return { reached, count: () => done.size, stop: () => handle.stop() };
}
