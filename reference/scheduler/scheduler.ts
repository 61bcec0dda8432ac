/**
 * kube-scheduler: watches pods with no node through the api-server, keeps
 * its own view of what each node holds (SchedulerCache), decides with the
 * framework (evaluate: filter S2, score S3, pick S4), and asks the
 * api-server to bind the pod through `pods/binding`. It never sets
 * spec.nodeName itself nor starts anything (S1); a pod that fits nowhere
 * gets a FailedScheduling event and PodScheduled=False, and is tried again
 * when the cluster changes (a node added or changed, a pod gone).
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import { isConflict, isNotFound } from '../../spec/objects/status.ts';
import type { Clock } from '../runtime/clock.ts';
import { eventsApiRecorder, type EventRecorder } from '../client/events.ts';
import { Informer } from '../client/informer.ts';
import { isTerminal } from '../api/pod-resources.ts';
import type { Random } from '../runtime/random.ts';
import type { WorkTracker } from '../runtime/work-tracker.ts';
import { WorkQueue } from '../client/workqueue.ts';
import { SchedulerCache, schedulingPropertiesChanged } from './cache.ts';
import { evaluate, type Evaluation } from './evaluate.ts';
import { EXPLANATION_ANNOTATION, explanationOf } from './explanation.ts';
import { podInfo, podKey } from './framework/pod-info.ts';
import { profileNamed, type Profile } from './profiles.ts';

export const SCHEDULER_NAME = 'default-scheduler';

/** The settings the scheduler reads (spec/settings.ts). */
export interface SchedulerSettings {
  /** 'note' (LeastAllocated only) or 'kubernetes' (plus BalancedAllocation). @default 'note' */
  schedulerProfile: string;
  /** Record each decision on the pod as an annotation. @default false */
  schedulerExplain: boolean;
  /** Share of nodes to find feasible before scoring; 0 for Kubernetes' adaptive share. @default 0 */
  percentageOfNodesToScore: number;
}

const DEFAULTS: SchedulerSettings = { schedulerProfile: 'note', schedulerExplain: false, percentageOfNodesToScore: 0 };

export interface SchedulerDeps {
  client: ApiClient;
  clock: Clock;
  random: Random;
  work: WorkTracker;
  settings?: Partial<SchedulerSettings>;
  /** Plugins to run instead of the named profile's: a user's own Filter or Score plugin in the reference framework. */
  profile?: Profile;
}

type PodObject = Pod & KubeObject;
type NodeObject = Node & KubeObject;

export class Scheduler {
  private readonly pods: Informer<PodObject>;
  private readonly nodes: Informer<NodeObject>;
  private readonly queue: WorkQueue;
  private readonly events: EventRecorder;
  private readonly cache = new SchedulerCache();
  private readonly settings: SchedulerSettings;
  private readonly profile: Profile;
  /** Pods that fit nowhere, waiting for the cluster to change. */
  private readonly unschedulable = new Set<string>();
  private nextStartIndex = 0;

  constructor(private readonly deps: SchedulerDeps) {
    this.settings = { ...DEFAULTS, ...definedOnly(deps.settings ?? {}) };
    this.profile = deps.profile ?? profileNamed(this.settings.schedulerProfile);
    // kube-scheduler records through events.k8s.io/v1 (cmd/kube-scheduler/app/options/options.go).
    this.events = eventsApiRecorder(deps.client, deps.clock, SCHEDULER_NAME, `${SCHEDULER_NAME}-kubespec`);
    this.queue = new WorkQueue(deps.work, (key) => this.scheduleOne(key));
    this.pods = new Informer(deps.client, 'pods', {}, {
      onAdd: (pod) => this.podSeen(pod),
      onUpdate: (pod, old) => this.podSeen(pod, old),
      onDelete: (pod) => this.podGone(pod),
    });
    this.nodes = new Informer(deps.client, 'nodes', {}, {
      onAdd: (node) => {
        this.cache.setNode(node);
        this.retryUnschedulable();
      },
      onUpdate: (node, old) => {
        this.cache.setNode(node);
        if (schedulingPropertiesChanged(old, node)) this.retryUnschedulable();
      },
      onDelete: (node) => this.cache.removeNode(node.metadata.name ?? ''),
    });
  }

  async start(): Promise<void> {
    await this.nodes.start();
    await this.pods.start();
  }

  stop(): void {
    this.pods.stop();
    this.nodes.stop();
  }

  private podSeen(pod: PodObject, old?: PodObject): void {
    const key = podKey(pod);
    if (pod.spec.nodeName) {
      const finished = isTerminal(pod) && !(old && isTerminal(old));
      this.unschedulable.delete(key);
      this.cache.updatePod(pod);
      if (finished) this.retryUnschedulable();
      return;
    }
    if (pod.metadata.deletionTimestamp || (pod.spec.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME) return;
    // A pod waiting for the cluster to change is not retried because its own status moved (our condition, our annotation).
    if (this.unschedulable.has(key) && old && JSON.stringify(old.spec) === JSON.stringify(pod.spec)) return;
    this.queue.add(key);
  }

  private podGone(pod: PodObject): void {
    const key = podKey(pod);
    this.unschedulable.delete(key);
    const wasPlaced = pod.spec.nodeName !== undefined || this.cache.isAssumed(key);
    this.cache.removePod(key);
    if (wasPlaced && !isTerminal(pod)) this.retryUnschedulable();
  }

  private retryUnschedulable(): void {
    for (const key of this.unschedulable) this.queue.add(key);
    this.unschedulable.clear();
  }

  private async scheduleOne(key: string): Promise<void> {
    const pod = this.pods.get(key);
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp || this.cache.isAssumed(key)) return;
    if ((pod.spec.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME) return;
    const info = podInfo(pod);
    const decision = evaluate(info, this.cache.snapshot(), this.profile, {
      startIndex: this.nextStartIndex,
      percentageOfNodesToScore: this.settings.percentageOfNodesToScore,
      verdicts: this.settings.schedulerExplain,
    });
    this.nextStartIndex = decision.nextStartIndex;
    if (!decision.selected) {
      this.unschedulable.add(key);
      await this.reportUnschedulable(pod, decision.failure ?? '');
      await this.explain(pod, decision);
      return;
    }
    this.cache.assume(info, decision.selected);
    if (!(await this.bind(pod, decision.selected))) return;
    await this.events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${key} to ${decision.selected}`, 'Binding');
    await this.explain(pod, decision);
  }

  /** POST pods/<name>/binding; false when the pod went away or was bound by someone else meanwhile. */
  private async bind(pod: PodObject, node: string): Promise<boolean> {
    const { name, namespace } = pod.metadata;
    try {
      await this.deps.client.create(
        'pods',
        { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace }, target: { apiVersion: 'v1', kind: 'Node', name: node } } as KubeObject,
        { namespace, name: name ?? '', subresource: 'binding' },
      );
      return true;
    } catch (e) {
      this.cache.forget(podKey(pod));
      if (isNotFound(e) || isConflict(e)) return false;
      throw e;
    }
  }

  /** Warning event FailedScheduling and condition PodScheduled=False, reason Unschedulable, through pods/status. */
  private async reportUnschedulable(pod: PodObject, message: string): Promise<void> {
    await this.events.record(pod, 'Warning', 'FailedScheduling', message, 'Scheduling');
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (current?.status === 'False' && current.reason === 'Unschedulable' && current.message === message) return;
    const condition = { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: this.deps.clock.timestamp() };
    await this.ignoringGonePod(() =>
      this.deps.client.patch('pods', pod.metadata.name ?? '', { status: { conditions: [condition] } }, { namespace: pod.metadata.namespace, subresource: 'status', type: 'strategic' }),
    );
  }

  private async explain(pod: PodObject, decision: Evaluation): Promise<void> {
    if (!this.settings.schedulerExplain) return;
    const patch = { metadata: { annotations: { [EXPLANATION_ANNOTATION]: JSON.stringify(explanationOf(decision)) } } };
    await this.ignoringGonePod(() => this.deps.client.patch('pods', pod.metadata.name ?? '', patch, { namespace: pod.metadata.namespace, type: 'merge' }));
  }

  /** A pod deleted while we were writing about it is not an error. */
  private async ignoringGonePod(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
