/**
 * The ReplicaSet controller (C7: another controller with the same shape):
 * it watches ReplicaSets and pods through the api-server, counts the active
 * pods each ReplicaSet owns (ownerReferences; a pod being deleted or
 * finished does not count), creates or deletes pods to reach `replicas`,
 * and reports what it counted in the ReplicaSet's status (a pod counts as
 * available once it has been ready for minReadySeconds). That is how the
 * pods evicted from a dead node come back (C6): the scheduler places the
 * new ones on nodes that are still healthy.
 */
import type { KubeObject, OwnerReference } from '../../spec/objects/meta.ts';
import type { ReplicaSet } from '../../spec/objects/replicaset.ts';
import { isConflict, isNamespaceTerminating, isNotFound } from '../../spec/objects/status.ts';
import { eventRecorder, type EventRecorder } from '../client/events.ts';
import { Informer, objectKey } from '../client/informer.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { Cancel } from '../runtime/clock.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { selectorFromSet } from '../api/label-selector.ts';
import type { PodObject } from './node-writes.ts';

export const REPLICASET_CONTROLLER = 'replicaset-controller';
type ReplicaSetObject = ReplicaSet & KubeObject;

export const controllerOf = (obj: KubeObject): OwnerReference | undefined => obj.metadata.ownerReferences?.find((r) => r.controller);
const isActive = (p: PodObject) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
const readyCondition = (p: PodObject) => p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
const isReady = (p: PodObject) => readyCondition(p) !== undefined;

/** podutil.IsPodAvailable: ready, and for at least minReadySeconds. The moment it becomes available, or undefined if it is not ready. */
function availableFrom(p: PodObject, minReadySeconds: number): number | undefined {
  const ready = readyCondition(p);
  if (!ready) return undefined;
  if (minReadySeconds === 0) return -Infinity;
  const since = Date.parse(ready.lastTransitionTime ?? '');
  return Number.isNaN(since) ? Infinity : since + minReadySeconds * 1000;
}

/** Which pods go first when there are too many: unscheduled, then pending, then not ready, then the youngest (controller.ActivePods order). */
function deletionRank(p: PodObject): [number, number, number, string] {
  return [p.spec.nodeName ? 1 : 0, p.status?.phase === 'Running' ? 1 : 0, isReady(p) ? 1 : 0, p.metadata.creationTimestamp ?? ''];
}
function byDeletionOrder(a: PodObject, b: PodObject): number {
  const [x, y] = [deletionRank(a), deletionRank(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return y[3].localeCompare(x[3]);
}

export class ReplicaSetController implements Controller {
  readonly name = REPLICASET_CONTROLLER;
  private readonly replicasets: Informer<ReplicaSetObject>;
  private readonly pods: Informer<PodObject>;
  private readonly queue: WorkQueue;
  private readonly events: EventRecorder;
  /** Creations and deletions made but not yet seen through the informer (controller expectations). */
  private readonly expecting = new Map<string, Set<string>>();
  /** Availability checks waiting for pods to have been ready for minReadySeconds. */
  private readonly availabilityChecks = new Set<Cancel>();

  constructor(private readonly ctx: ControllerContext) {
    this.events = eventRecorder(ctx.client, ctx.clock, REPLICASET_CONTROLLER);
    this.queue = new WorkQueue(ctx.work, (key) => this.sync(key));
    const enqueueRs = (rs: ReplicaSetObject) => this.queue.add(objectKey(rs));
    this.replicasets = new Informer<ReplicaSetObject>(ctx.client, 'replicasets', {}, { onAdd: enqueueRs, onUpdate: enqueueRs, onDelete: enqueueRs });
    const onPod = (pod: PodObject) => this.podChanged(pod);
    this.pods = new Informer<PodObject>(ctx.client, 'pods', {}, { onAdd: onPod, onUpdate: onPod, onDelete: (pod) => this.podChanged(pod, true) });
  }

  async start(): Promise<void> {
    await this.pods.start();
    await this.replicasets.start();
  }

  stop(): void {
    for (const cancel of this.availabilityChecks) cancel();
    this.replicasets.stop();
    this.pods.stop();
  }

  private podChanged(pod: PodObject, deleted = false): void {
    const owner = controllerOf(pod);
    if (owner?.kind !== 'ReplicaSet') return;
    const key = `${pod.metadata.namespace}/${owner.name}`;
    const pending = this.expecting.get(key);
    const name = pod.metadata.name ?? '';
    if (pending?.has(`create:${name}`)) pending.delete(`create:${name}`);
    if ((deleted || pod.metadata.deletionTimestamp) && pending?.has(`delete:${name}`)) pending.delete(`delete:${name}`);
    this.queue.add(key);
  }

  private async sync(key: string): Promise<void> {
    const rs = this.replicasets.get(key);
    if (!rs) {
      this.expecting.delete(key);
      return;
    }
    const owned = this.pods.list().filter((p) => p.metadata.namespace === rs.metadata.namespace && controllerOf(p)?.uid === rs.metadata.uid);
    const active = owned.filter(isActive);
    const satisfied = (this.expecting.get(key)?.size ?? 0) === 0;
    if (satisfied && !rs.metadata.deletionTimestamp) await this.manageReplicas(key, rs, active);
    await this.updateStatus(rs, active);
    this.checkAvailabilityLater(key, rs, active);
  }

  /** Syncs again when the next ready pod has been ready for minReadySeconds (FindMinNextPodAvailabilityCheck). */
  private checkAvailabilityLater(key: string, rs: ReplicaSetObject, active: PodObject[]): void {
    const minReadySeconds = rs.spec.minReadySeconds ?? 0;
    if (minReadySeconds === 0) return;
    const now = this.wallNow();
    const pending = active.map((p) => availableFrom(p, minReadySeconds)).filter((t): t is number => t !== undefined && t > now);
    if (pending.length === 0) return;
    const cancel = this.ctx.clock.after(Math.min(...pending) - now, () => {
      this.availabilityChecks.delete(cancel);
      this.queue.add(key);
    });
    this.availabilityChecks.add(cancel);
  }

  private wallNow(): number {
    return Date.parse(this.ctx.clock.microTimestamp());
  }

  private async manageReplicas(key: string, rs: ReplicaSetObject, active: PodObject[]): Promise<void> {
    const diff = active.length - (rs.spec.replicas ?? 1);
    const pending = new Set<string>();
    this.expecting.set(key, pending);
    const namespace = rs.metadata.namespace;
    for (let i = 0; i < -diff; i++) {
      let created: PodObject;
      try {
        created = await this.ctx.client.create<PodObject>('pods', this.podFromTemplate(rs), { namespace });
      } catch (e) {
        // Its namespace is being deleted: every creation there fails, so there is nothing to do.
        if (isNamespaceTerminating(e)) return;
        throw e;
      }
      pending.add(`create:${created.metadata.name}`);
      if (this.pods.get(objectKey(created))) pending.delete(`create:${created.metadata.name}`);
      await this.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    }
    for (const pod of [...active].sort(byDeletionOrder).slice(0, Math.max(0, diff))) {
      pending.add(`delete:${pod.metadata.name}`);
      try {
        await this.ctx.client.delete('pods', pod.metadata.name ?? '', { namespace });
      } catch (e) {
        pending.delete(`delete:${pod.metadata.name}`);
        if (!isNotFound(e)) throw e;
      }
      await this.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    }
  }

  private podFromTemplate(rs: ReplicaSetObject): KubeObject {
    const template = rs.spec.template;
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace,
        labels: { ...template.metadata?.labels },
        ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name ?? '', uid: rs.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: structuredClone(template.spec),
    };
  }

  private async updateStatus(rs: ReplicaSetObject, active: PodObject[]): Promise<void> {
    // FullyLabeledReplicas: pods that carry every label of the template, not just the selector's.
    const templateLabels = selectorFromSet(rs.spec.template.metadata?.labels);
    const labelled = active.filter((p) => templateLabels.matches(p.metadata.labels));
    const ready = active.filter(isReady).length;
    const now = this.wallNow();
    const available = active.filter((p) => (availableFrom(p, rs.spec.minReadySeconds ?? 0) ?? Infinity) <= now).length;
    const status = {
      replicas: active.length,
      fullyLabeledReplicas: labelled.length,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    if (JSON.stringify(status) === JSON.stringify(rs.status)) return;
    try {
      await this.ctx.client.update('replicasets', { ...rs, status }, { namespace: rs.metadata.namespace, subresource: 'status' });
    } catch (e) {
      // A newer ReplicaSet is on its way through the informer and will be synced again.
      if (!isConflict(e) && !isNotFound(e)) throw e;
    }
  }
}

export const replicaSetController = (ctx: ControllerContext): Controller => new ReplicaSetController(ctx);
