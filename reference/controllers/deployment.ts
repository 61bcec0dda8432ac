/**
 * The deployment controller (C7: one more controller of the same shape,
 * C8: inside kube-controller-manager), after pkg/controller/deployment: it
 * watches Deployments, their ReplicaSets and (for Recreate) their pods, and
 * rolls each Deployment out through one ReplicaSet per pod template, named
 * `<deployment>-<pod-template-hash>`, owned by the Deployment, and sized
 * step by step as the strategy allows (deployment-rollout.ts; each sync is
 * a DeploymentSync, deployment-sync.ts). It numbers
 * the rollouts (the revision annotation), keeps revisionHistoryLimit old
 * ReplicaSets, and reports status and conditions (deployment-status.ts).
 * A change of replicas alone is a scaling event: every active ReplicaSet
 * grows or shrinks in proportion, the rollout's state is kept.
 */
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { DeploymentStatus } from '../../spec/objects/deployment.ts';
import { isConflict, isNotFound } from '../../spec/objects/status.ts';
import { eventRecorder, type EventRecorder } from '../client/events.ts';
import { Informer, objectKey } from '../client/informer.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { Cancel } from '../runtime/clock.ts';
import type { Controller, ControllerContext } from './controller.ts';
import type { PodObject } from './node-writes.ts';
import { controllerOf } from './replicaset.ts';
import type { DeploymentObject, ReplicaSetObject } from './deployment-replicas.ts';
import { rolloutRecreate, rolloutRolling } from './deployment-rollout.ts';
import { conditionOf, deploymentComplete, hasProgressDeadline, REASONS } from './deployment-status.ts';
import { DeploymentSync, wallMs, type SyncHost } from './deployment-sync.ts';

export const DEPLOYMENT_CONTROLLER = 'deployment-controller';
export class DeploymentController implements Controller, SyncHost {
  readonly name = DEPLOYMENT_CONTROLLER;
  private readonly deployments: Informer<DeploymentObject>;
  private readonly replicasets: Informer<ReplicaSetObject>;
  private readonly pods: Informer<PodObject>;
  private readonly queue: WorkQueue;
  private readonly events: EventRecorder;
  /** A progress check waiting for a Deployment (requeueStuckDeployment), one per key. */
  private readonly progressChecks = new Map<string, Cancel>();

  constructor(private readonly ctx: ControllerContext) {
    this.events = eventRecorder(ctx.client, ctx.clock, DEPLOYMENT_CONTROLLER);
    this.queue = new WorkQueue(ctx.work, (key) => this.sync(key));
    const enqueue = (d: DeploymentObject) => this.queue.add(objectKey(d));
    this.deployments = new Informer<DeploymentObject>(ctx.client, 'deployments', {}, { onAdd: enqueue, onUpdate: enqueue, onDelete: enqueue });
    const onRS = (rs: ReplicaSetObject) => this.enqueueOwnerOf(rs);
    this.replicasets = new Informer<ReplicaSetObject>(ctx.client, 'replicasets', {}, { onAdd: onRS, onUpdate: onRS, onDelete: onRS });
    // Only a pod's removal matters, and only to Recreate, which waits for the old pods to be gone.
    this.pods = new Informer<PodObject>(ctx.client, 'pods', {}, { onDelete: (pod) => this.podDeleted(pod) });
  }

  async start(): Promise<void> {
    await this.pods.start();
    await this.replicasets.start();
    await this.deployments.start();
  }

  stop(): void {
    for (const cancel of this.progressChecks.values()) cancel();
    this.deployments.stop();
    this.replicasets.stop();
    this.pods.stop();
  }

  /** The Deployment a ReplicaSet names as its controller, if it is still that Deployment. */
  private ownerOf(rs: KubeObject): DeploymentObject | undefined {
    const ref = controllerOf(rs);
    if (ref?.kind !== 'Deployment') return undefined;
    const d = this.deployments.get(`${rs.metadata.namespace}/${ref.name}`);
    return d?.metadata.uid === ref.uid ? d : undefined;
  }

  private enqueueOwnerOf(rs: ReplicaSetObject): void {
    const d = this.ownerOf(rs);
    if (d) this.queue.add(objectKey(d));
  }

  private podDeleted(pod: PodObject): void {
    const ref = controllerOf(pod);
    const rs = ref?.kind === 'ReplicaSet' ? this.replicasets.get(`${pod.metadata.namespace}/${ref.name}`) : undefined;
    const d = rs && rs.metadata.uid === ref?.uid ? this.ownerOf(rs) : undefined;
    if (d && d.spec.strategy?.type === 'Recreate') this.queue.add(objectKey(d));
  }

  private async sync(key: string): Promise<void> {
    const cached = this.deployments.get(key);
    if (!cached) return;
    const d = structuredClone(cached);
    try {
      await this.syncDeployment(d);
    } catch (e) {
      // A newer object is on its way through an informer and will be synced again.
      if (!isConflict(e) && !isNotFound(e)) throw e;
    }
  }

  private async syncDeployment(d: DeploymentObject): Promise<void> {
    const selector = d.spec.selector ?? {};
    if (!Object.keys(selector.matchLabels ?? {}).length && !(selector.matchExpressions ?? []).length) {
      await this.events.record(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      return;
    }
    const rsList = this.replicasets.list().filter((rs) => rs.metadata.namespace === d.metadata.namespace && controllerOf(rs)?.uid === d.metadata.uid);
    const step = new DeploymentSync(this, d, rsList);
    if (d.metadata.deletionTimestamp) return step.syncStatusOnly();
    await step.checkPausedConditions();
    if (d.spec.paused || (await step.isScalingEvent())) return step.syncScaling();
    if (d.spec.strategy?.type === 'Recreate') return rolloutRecreate(step);
    return rolloutRolling(step);
  }

  // What a DeploymentSync reaches through its controller (SyncHost).
  get client() {
    return this.ctx.client;
  }
  get clock() {
    return this.ctx.clock;
  }
  record(d: DeploymentObject, type: 'Normal' | 'Warning', reason: string, message: string) {
    return this.events.record(d, type, reason, message);
  }
  cachedReplicaSet(namespace: string, name: string) {
    return this.replicasets.get(`${namespace}/${name}`);
  }
  podsOf(rs: ReplicaSetObject): PodObject[] {
    return this.pods.list().filter((p) => p.metadata.namespace === rs.metadata.namespace && controllerOf(p)?.uid === rs.metadata.uid);
  }

  /** requeueStuckDeployment: look again when the progress deadline of a rollout that made no progress runs out. */
  scheduleProgressCheck(d: DeploymentObject, status: DeploymentStatus): void {
    const key = objectKey(d);
    this.progressChecks.get(key)?.();
    this.progressChecks.delete(key);
    const current = conditionOf(d.status, 'Progressing');
    if (!hasProgressDeadline(d) || !current || deploymentComplete(d, status) || current.reason === REASONS.timedOut) return;
    const due = Date.parse(current.lastUpdateTime ?? '') + (d.spec.progressDeadlineSeconds ?? 0) * 1000 - wallMs(this.ctx.clock);
    this.progressChecks.set(key, this.ctx.clock.after(Math.max(0, due) + 1000, () => this.queue.add(key)));
  }
}

export const deploymentController = (ctx: ControllerContext): Controller => new DeploymentController(ctx);

