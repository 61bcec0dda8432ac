/**
 * The disruption controller (pkg/controller/disruption; C7: one more
 * controller of the same shape): for each PodDisruptionBudget it counts
 * the pods it selects (disruption-counts.ts) and writes the counts to the
 * budget's status, with the condition DisruptionAllowed. The Eviction
 * subresource reads that status to decide whether a pod may go, and takes
 * one disruption from it when it lets one go; the controller then sees the
 * pod go and counts again. An eviction approved but never carried out is
 * forgotten after DeletionTimeout (2 minutes). It acts only through the
 * API, as kube-controller-manager.
 */
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { ReplicaSet } from '../../spec/objects/replicaset.ts';
import { DISRUPTION_ALLOWED } from '../../spec/objects/poddisruptionbudget.ts';
import { isConflict, isNotFound } from '../../spec/objects/status.ts';
import { disruptionConditionUpToDate, setStatusCondition, withDisruptionAllowedCondition } from '../api/disruption-allowed.ts';
import { labelSelectorAsSelector } from '../api/label-selector.ts';
import { eventRecorder, type EventRecorder } from '../client/events.ts';
import { Informer, objectKey } from '../client/informer.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { Cancel } from '../runtime/clock.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { awaitedEvictions, countsOf, currentHealthy, expectedCount, type BudgetObject } from './disruption-counts.ts';
import type { PodObject } from './node-writes.ts';
import { controllerOf } from './replicaset.ts';

/** Its events come from kube-controller-manager's own recorder, as Kubernetes' do. */
export const DISRUPTION_EVENT_SOURCE = 'controllermanager';
type ReplicaSetObject = ReplicaSet & KubeObject;

const matchesPod = (pdb: BudgetObject, pod: PodObject): boolean => {
  try {
    return pdb.metadata.namespace === pod.metadata.namespace && labelSelectorAsSelector(pdb.spec.selector).matches(pod.metadata.labels);
  } catch {
    return false;
  }
};

/** Two disruptedPods maps are equal when they hold the same pods at the same times (nil and empty alike). */
function sameTimes(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const [x, y] = [a ?? {}, b ?? {}];
  return Object.keys(x).length === Object.keys(y).length && Object.entries(x).every(([k, v]) => y[k] === v);
}

export class DisruptionController implements Controller {
  readonly name = 'disruption';
  private readonly budgets: Informer<BudgetObject>;
  private readonly pods: Informer<PodObject>;
  private readonly replicasets: Informer<ReplicaSetObject>;
  private readonly queue: WorkQueue;
  private readonly events: EventRecorder;
  private readonly rechecks = new Map<string, Cancel>();
  /** Budgets already told that they select no pod, so the event is not repeated at every count. */
  private readonly toldNoPods = new Set<string>();

  constructor(private readonly ctx: ControllerContext) {
    this.events = eventRecorder(ctx.client, ctx.clock, DISRUPTION_EVENT_SOURCE);
    this.queue = new WorkQueue(ctx.work, (key) => this.sync(key));
    const enqueue = (pdb: BudgetObject) => this.queue.add(objectKey(pdb));
    this.budgets = new Informer<BudgetObject>(ctx.client, 'poddisruptionbudgets', {}, { onAdd: enqueue, onUpdate: enqueue, onDelete: enqueue });
    const onPod = (pod: PodObject) => this.budgets.list().filter((pdb) => matchesPod(pdb, pod)).forEach(enqueue);
    this.pods = new Informer<PodObject>(ctx.client, 'pods', {}, { onAdd: onPod, onUpdate: onPod, onDelete: onPod });
    this.replicasets = new Informer<ReplicaSetObject>(ctx.client, 'replicasets', {}, {});
  }

  async start(): Promise<void> {
    await this.replicasets.start();
    await this.pods.start();
    await this.budgets.start();
  }

  stop(): void {
    for (const cancel of this.rechecks.values()) cancel();
    this.rechecks.clear();
    this.budgets.stop();
    this.pods.stop();
    this.replicasets.stop();
  }

  private async sync(key: string): Promise<void> {
    const pdb = this.budgets.get(key);
    if (!pdb) return void this.toldNoPods.delete(key);
    try {
      await this.trySync(key, pdb);
    } catch (e) {
      // A conflict means a newer budget is on its way (an eviction took a disruption): count again.
      if (isConflict(e)) return this.queue.add(key);
      if (isNotFound(e)) return;
      await this.failSafe(pdb, e);
    }
  }

  private async trySync(key: string, pdb: BudgetObject): Promise<void> {
    const pods = this.pods.list().filter((pod) => matchesPod(pdb, pod));
    if (pods.length === 0 && !this.toldNoPods.has(key)) {
      this.toldNoPods.add(key);
      await this.events.record(pdb, 'Normal', 'NoPods', 'No matching pods found');
    } else if (pods.length > 0) this.toldNoPods.delete(key);
    let counts;
    try {
      counts = await expectedCount(pdb, pods, (pod) => this.scaleOf(pod));
    } catch (e) {
      await this.events.record(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${(e as Error).message}`);
      throw e;
    }
    const nowMs = Date.parse(this.ctx.clock.timestamp());
    const { awaited, overdue, recheckAtMs } = awaitedEvictions(pdb, pods, nowMs);
    for (const pod of overdue) {
      await this.events.record(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.namespace} to be deleted but it wasn't`);
    }
    const status = countsOf(counts, currentHealthy(pods, awaited, nowMs), awaited, pdb.metadata.generation ?? 1);
    const current = pdb.status ?? {};
    const unchanged =
      (['currentHealthy', 'desiredHealthy', 'expectedPods', 'disruptionsAllowed', 'observedGeneration'] as const).every((k) => current[k] === status[k]) &&
      sameTimes(current.disruptedPods, status.disruptedPods) &&
      disruptionConditionUpToDate(pdb);
    if (!unchanged) await this.writeStatus(withDisruptionAllowedCondition({ ...pdb, status: { ...status, conditions: current.conditions ?? [] } }, this.ctx.clock.timestamp()));
    if (recheckAtMs !== undefined) this.recheckAt(key, recheckAtMs - nowMs);
  }

  /** The scale of the pod's controller: its ReplicaSet's replicas, or the Deployment's that controls that ReplicaSet. */
  private async scaleOf(pod: PodObject): Promise<{ uid: string; replicas: number } | undefined> {
    const ref = controllerOf(pod);
    if (!ref) return undefined;
    if (ref.kind === 'ReplicaSet' && /^(apps|extensions)\//.test(ref.apiVersion)) {
      const rs = this.replicasets.get(`${pod.metadata.namespace}/${ref.name}`);
      if (!rs || rs.metadata.uid !== ref.uid) return undefined;
      const owner = controllerOf(rs);
      if (owner?.kind !== 'Deployment') return { uid: rs.metadata.uid ?? '', replicas: rs.spec.replicas ?? 1 };
      return this.scaleThroughApi('deployments', owner.name, pod.metadata.namespace, owner.uid);
    }
    return this.scaleThroughApi(`${ref.kind.toLowerCase()}s`, ref.name, pod.metadata.namespace, ref.uid);
  }

  /** getScaleController: any controller with a scale subresource, read through the API. */
  private async scaleThroughApi(resource: string, name: string, namespace: string | undefined, uid: string): Promise<{ uid: string; replicas: number } | undefined> {
    try {
      const scale = await this.ctx.client.get<KubeObject & { spec?: { replicas?: number } }>(resource, name, { ...(namespace ? { namespace } : {}), subresource: 'scale' });
      return scale.metadata.uid === uid ? { uid, replicas: scale.spec?.replicas ?? 0 } : undefined;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** failSafe: when the count fails, allow nothing, and say why in the condition. */
  private async failSafe(pdb: BudgetObject, e: unknown): Promise<void> {
    const status = pdb.status ?? {};
    const condition = { type: DISRUPTION_ALLOWED, status: 'False' as const, reason: 'SyncFailed', message: e instanceof Error ? e.message : String(e), observedGeneration: status.observedGeneration ?? 0, lastTransitionTime: this.ctx.clock.timestamp() };
    const next = { ...pdb, status: { ...status, disruptionsAllowed: 0, currentHealthy: status.currentHealthy ?? 0, desiredHealthy: status.desiredHealthy ?? 0, expectedPods: status.expectedPods ?? 0, conditions: setStatusCondition(status.conditions ?? [], condition) } };
    await this.writeStatus(next).catch((err: unknown) => {
      if (!isConflict(err) && !isNotFound(err)) throw err;
      this.queue.add(objectKey(pdb));
    });
  }

  private async writeStatus(pdb: BudgetObject): Promise<void> {
    await this.ctx.client.update('poddisruptionbudgets', pdb, { namespace: pdb.metadata.namespace ?? '', subresource: 'status' });
  }

  /** enqueuePdbForRecheck: look again when the earliest awaited eviction times out. */
  private recheckAt(key: string, inMs: number): void {
    this.rechecks.get(key)?.();
    this.rechecks.set(key, this.ctx.clock.after(Math.max(0, inMs), () => {
      this.rechecks.delete(key);
      this.queue.add(key);
    }));
  }
}

export const disruptionController = (ctx: ControllerContext): Controller => new DisruptionController(ctx);
