/**
 * kube-scheduler, walking-skeleton version: it watches for pods with no
 * node, filters out the nodes that cannot hold them (S2), ranks the rest by
 * what would be left (S3), and asks the api-server to bind the pod to the
 * best (S4). It never sets spec.nodeName nor starts anything itself (S1).
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { Node } from '../../spec/objects/node.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Clock } from '../clock.ts';
import { eventRecorder } from '../events.ts';
import { Informer, objectKey } from '../informer.ts';
import { allocatable, isTerminal, podRequests, type ResourceList } from '../pod-resources.ts';
import type { Random } from '../random.ts';
import type { WorkTracker } from '../work-tracker.ts';
import { WorkQueue } from '../workqueue.ts';

export const SCHEDULER_NAME = 'default-scheduler';

export interface SchedulerDeps {
  client: ApiClient;
  clock: Clock;
  random: Random;
  work: WorkTracker;
}

interface Verdict {
  node: string;
  reasons: string[];
  score: number;
}

export class Scheduler {
  private readonly pods: Informer<Pod & KubeObject>;
  private readonly nodes: Informer<Node & KubeObject>;
  private readonly queue: WorkQueue;
  private readonly events;

  constructor(private readonly deps: SchedulerDeps) {
    this.events = eventRecorder(deps.client, deps.clock, SCHEDULER_NAME);
    this.queue = new WorkQueue(deps.work, (key) => this.scheduleOne(key));
    const enqueueIfPending = (pod: Pod & KubeObject) => {
      if (!pod.spec.nodeName && !pod.metadata.deletionTimestamp) this.queue.add(objectKey(pod));
    };
    this.pods = new Informer(deps.client, 'pods', {}, { onAdd: enqueueIfPending, onUpdate: enqueueIfPending });
    // Unschedulable pods are retried when the cluster changes.
    const retryAll = () => this.pods.list().forEach(enqueueIfPending);
    this.nodes = new Informer(deps.client, 'nodes', {}, { onAdd: retryAll, onUpdate: retryAll });
  }

  async start(): Promise<void> {
    await this.nodes.start();
    await this.pods.start();
  }

  stop(): void {
    this.pods.stop();
    this.nodes.stop();
  }

  private async scheduleOne(key: string): Promise<void> {
    const pod = this.pods.get(key);
    if (!pod || pod.spec.nodeName || (pod.spec.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME) return;
    const verdicts = this.nodes.list().map((node) => this.evaluate(pod, node));
    const feasible = verdicts.filter((v) => v.reasons.length === 0);
    if (feasible.length === 0) {
      await this.events.record(pod, 'Warning', 'FailedScheduling', failureMessage(verdicts));
      return;
    }
    const best = Math.max(...feasible.map((v) => v.score));
    const top = feasible.filter((v) => v.score === best);
    const chosen = top[this.deps.random.int(top.length)]!;
    await this.deps.client.create(
      'pods',
      { apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace }, target: { apiVersion: 'v1', kind: 'Node', name: chosen.node } },
      { namespace: pod.metadata.namespace, name: pod.metadata.name, subresource: 'binding' },
    );
    await this.events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${chosen.node}`);
  }

  private requestedOn(node: string): ResourceList {
    const used: ResourceList = { pods: 0 };
    for (const p of this.pods.list()) {
      if (p.spec.nodeName !== node || isTerminal(p)) continue;
      used.pods! += 1;
      for (const [res, v] of Object.entries(podRequests(p))) used[res] = (used[res] ?? 0) + v;
    }
    return used;
  }

  private evaluate(pod: Pod, node: Node & KubeObject): Verdict {
    const name = node.metadata.name ?? '';
    const free = allocatable(node.status?.allocatable);
    const used = this.requestedOn(name);
    const want = podRequests(pod);
    const reasons: string[] = [];
    if (used.pods! + 1 > (free.pods ?? 110)) reasons.push('Too many pods');
    for (const [res, v] of Object.entries(want)) {
      if (v > (free[res] ?? 0) - (used[res] ?? 0)) reasons.push(`Insufficient ${res}`);
    }
    // LeastAllocated over cpu and memory: what is left after the pod, as a share of capacity.
    const score = (res: string) => {
      const cap = free[res] ?? 0;
      const requested = (used[res] ?? 0) + (want[res] ?? 0);
      return cap === 0 || requested > cap ? 0 : Math.floor(((cap - requested) * 100) / cap);
    };
    return { node: name, reasons, score: Math.floor((score('cpu') + score('memory')) / 2) };
  }
}

/** `0/3 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.` */
function failureMessage(verdicts: Verdict[]): string {
  const counts = new Map<string, number>();
  for (const v of verdicts) for (const r of v.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort();
  return `0/${verdicts.length} nodes are available${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}
