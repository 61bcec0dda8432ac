/**
 * Taint eviction (pkg/controller/tainteviction): when a node carries
 * NoExecute taints, each pod on it is deleted once its toleration runs out
 * (C6: the unreachable taint plus the 300 s that DefaultTolerationSeconds
 * gives every pod is the note's "5 more minutes"); at once when a taint is
 * not tolerated; never when the matching toleration has no seconds. The
 * pod first gets the condition DisruptionTarget, so whoever reads it knows
 * why it went. It acts only through the API, from what its informers show.
 */
import type { Taint } from '../../spec/objects/node.ts';
import type { Toleration } from '../../spec/objects/pod.ts';
import { isNotFound } from '../../spec/objects/status.ts';
import type { Cancel } from '../runtime/clock.ts';
import { eventRecorder, type EventRecorder } from '../client/events.ts';
import { Informer, objectKey } from '../client/informer.ts';
import type { Controller, ControllerContext } from './controller.ts';
import type { NodeObject, PodObject } from './node-writes.ts';
import { matchingTolerations, minTolerationMs } from './tolerations.ts';

export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';

interface ScheduledEviction {
  createdAt: number;
  fireAt: number;
  cancel: Cancel;
}

const noExecute = (node: NodeObject | undefined): Taint[] => (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

export class TaintEvictionController implements Controller {
  readonly name = TAINT_EVICTION_CONTROLLER;
  private readonly nodes: Informer<NodeObject>;
  private readonly pods: Informer<PodObject>;
  private readonly events: EventRecorder;
  private readonly scheduled = new Map<string, ScheduledEviction>();

  constructor(private readonly ctx: ControllerContext) {
    this.events = eventRecorder(ctx.client, ctx.clock, TAINT_EVICTION_CONTROLLER);
    this.nodes = new Informer<NodeObject>(ctx.client, 'nodes', {}, {
      onAdd: (node) => this.nodeChanged(node, undefined),
      onUpdate: (node, old) => this.nodeChanged(node, old),
    });
    this.pods = new Informer<PodObject>(ctx.client, 'pods', {}, {
      onAdd: (pod) => this.podChanged(pod, undefined),
      onUpdate: (pod, old) => this.podChanged(pod, old),
      onDelete: (pod) => this.cancel(objectKey(pod), undefined),
    });
  }

  async start(): Promise<void> {
    await this.nodes.start();
    await this.pods.start();
  }

  stop(): void {
    for (const s of this.scheduled.values()) s.cancel();
    this.scheduled.clear();
    this.nodes.stop();
    this.pods.stop();
  }

  /** When an eviction is due, for reports and tests (ms on the controller's clock). */
  dueAt(podKey: string): number | undefined {
    return this.scheduled.get(podKey)?.fireAt;
  }

  private async nodeChanged(node: NodeObject, old: NodeObject | undefined): Promise<void> {
    if (old && sameJson(noExecute(node).map(({ key, value, effect }) => ({ key, value, effect })), noExecute(old).map(({ key, value, effect }) => ({ key, value, effect })))) return;
    for (const pod of this.pods.list()) {
      if (pod.spec.nodeName === node.metadata.name) await this.processPod(pod, noExecute(node));
    }
  }

  private async podChanged(pod: PodObject, old: PodObject | undefined): Promise<void> {
    if (!pod.spec.nodeName) return;
    if (old && old.spec.nodeName === pod.spec.nodeName && sameJson(old.spec.tolerations, pod.spec.tolerations)) return;
    await this.processPod(pod, noExecute(this.nodes.get(pod.spec.nodeName)));
  }

  /** processPodOnNode: schedule, keep, or cancel this pod's eviction. */
  private async processPod(pod: PodObject, taints: Taint[]): Promise<void> {
    const key = objectKey(pod);
    if (taints.length === 0) return this.cancel(key, pod);
    const { tolerated, used } = matchingTolerations(taints, pod.spec.tolerations ?? ([] as Toleration[]));
    const now = this.ctx.clock.now();
    if (!tolerated) {
      await this.cancel(key, pod);
      this.schedule(key, now, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min === undefined) return this.cancel(key, pod); // tolerated forever
    const existing = this.scheduled.get(key);
    if (existing && existing.createdAt + min < now + min) return; // an earlier countdown keeps running
    if (existing) await this.cancel(key, pod);
    this.schedule(key, now, now + min);
  }

  private schedule(key: string, createdAt: number, fireAt: number): void {
    const cancel = this.ctx.clock.after(fireAt - this.ctx.clock.now(), () => this.evict(key));
    this.scheduled.set(key, { createdAt, fireAt, cancel });
  }

  private async cancel(key: string, pod: PodObject | undefined): Promise<void> {
    const s = this.scheduled.get(key);
    if (!s) return;
    s.cancel();
    this.scheduled.delete(key);
    if (pod) await this.events.record(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  /** deletePodHandler and addConditionAndDeletePod: the event, the DisruptionTarget condition, then the delete. */
  private async evict(key: string): Promise<void> {
    this.scheduled.delete(key);
    const cached = this.pods.get(key);
    if (!cached) return;
    const { client, clock } = this.ctx;
    const [namespace, name] = [cached.metadata.namespace, cached.metadata.name ?? ''];
    await this.events.record(cached, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    try {
      const pod = await client.get<PodObject>('pods', name, { namespace });
      const conditions = pod.status?.conditions ?? [];
      if (!conditions.some((c) => c.type === 'DisruptionTarget' && c.status === 'True')) {
        const target = { type: 'DisruptionTarget', status: 'True' as const, reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: clock.timestamp() };
        await client.patch('pods', name, { status: { conditions: [...conditions.filter((c) => c.type !== 'DisruptionTarget'), target] } }, { namespace, subresource: 'status', type: 'merge' });
      }
      await client.delete('pods', name, { namespace });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

export const taintEvictionController = (ctx: ControllerContext): Controller => new TaintEvictionController(ctx);
