/**
 * A scheduler written from scratch against kubespec's component contract,
 * as the guide (docs/plugging-in.md) walks through it. It does what the
 * note says a scheduler does: it watches for pods that have no node, drops
 * the nodes whose free CPU or memory falls short of the pod's requests
 * (filtering), ranks the rest by the share of CPU and memory left after the
 * pod (ranking), and tells the api-server its choice by posting a Binding.
 * It does nothing else: no events when a pod fits nowhere, no retry when the
 * cluster changes. Run the scenarios against it to see what that costs:
 *
 *   npx kubespec conformance --scheduler docs/examples/least-allocated-scheduler.ts --tags @component:scheduler
 */
import type { KubeObject } from 'kubespec';
import type { Component, ComponentContext } from 'kubespec/components';

interface Resources {
  cpu: number; // millicores
  memory: number; // bytes
}

const UNITS: Record<string, number> = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** "500m" -> 0.5, "2" -> 2, "1Gi" -> 1073741824 */
function quantity(text: string | undefined): number {
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(text ?? '0');
  return m ? Number(m[1]) * (UNITS[m[2]!] ?? 1) : 0;
}

function requests(pod: KubeObject): Resources {
  const containers = ((pod.spec as { containers?: Array<{ resources?: { requests?: Record<string, string> } }> })?.containers ?? []);
  return containers.reduce(
    (sum, c) => ({ cpu: sum.cpu + quantity(c.resources?.requests?.cpu) * 1000, memory: sum.memory + quantity(c.resources?.requests?.memory) }),
    { cpu: 0, memory: 0 },
  );
}

function allocatable(node: KubeObject): Resources {
  const a = (node.status as { allocatable?: Record<string, string> })?.allocatable ?? {};
  return { cpu: quantity(a.cpu) * 1000, memory: quantity(a.memory) };
}

const nodeOf = (pod: KubeObject) => (pod.spec as { nodeName?: string })?.nodeName;
const isDone = (pod: KubeObject) => ['Succeeded', 'Failed'].includes((pod.status as { phase?: string })?.phase ?? '');

export default function leastAllocatedScheduler({ client }: ComponentContext): Component {
  const nodes = new Map<string, KubeObject>();
  const pods = new Map<string, KubeObject>();
  const stops: Array<() => void> = [];
  const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;

  /** What is already asked of each node by the pods bound to it. */
  function used(nodeName: string): Resources {
    let cpu = 0;
    let memory = 0;
    for (const p of pods.values()) {
      if (nodeOf(p) !== nodeName || isDone(p)) continue;
      const r = requests(p);
      cpu += r.cpu;
      memory += r.memory;
    }
    return { cpu, memory };
  }

  async function schedule(pod: KubeObject): Promise<void> {
    const want = requests(pod);
    let best: { name: string; score: number } | undefined;
    for (const node of nodes.values()) {
      const total = allocatable(node);
      const u = used(node.metadata.name!);
      const freeCpu = total.cpu - u.cpu - want.cpu;
      const freeMemory = total.memory - u.memory - want.memory;
      if (freeCpu < 0 || freeMemory < 0) continue; // filtering
      const score = (freeCpu / total.cpu + freeMemory / total.memory) / 2; // ranking: what is left
      if (!best || score > best.score) best = { name: node.metadata.name!, score };
    }
    if (!best) return; // fits nowhere: a real scheduler would say so, and try again later
    await client.create(
      'pods',
      { apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.metadata.name }, target: { apiVersion: 'v1', kind: 'Node', name: best.name } } as KubeObject,
      { namespace: pod.metadata.namespace!, name: pod.metadata.name!, subresource: 'binding' },
    );
    pods.set(key(pod), { ...pod, spec: { ...(pod.spec as object), nodeName: best.name } });
  }

  return {
    name: 'least-allocated-scheduler',
    async start() {
      for (const n of (await client.list('nodes')).items) nodes.set(n.metadata.name!, n);
      const listed = await client.list('pods');
      for (const p of listed.items) pods.set(key(p), p);
      const nodeWatch = await client.watch('nodes', {}, (e) => {
        if (e.type === 'DELETED') nodes.delete(e.object.metadata.name!);
        else if (e.type !== 'BOOKMARK' && e.type !== 'ERROR') nodes.set(e.object.metadata.name!, e.object);
      });
      const podWatch = await client.watch('pods', { resourceVersion: listed.metadata.resourceVersion! }, async (e) => {
        if (e.type === 'DELETED') return void pods.delete(key(e.object));
        if (e.type !== 'ADDED' && e.type !== 'MODIFIED') return;
        pods.set(key(e.object), e.object);
        if (!nodeOf(e.object) && !e.object.metadata.deletionTimestamp) await schedule(e.object);
      });
      stops.push(() => nodeWatch.stop(), () => podWatch.stop());
      for (const p of listed.items) if (!nodeOf(p)) await schedule(p);
    },
    stop() {
      for (const stop of stops) stop();
    },
  };
}
