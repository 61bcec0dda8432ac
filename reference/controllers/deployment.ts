/**
 * The deployment controller (C7: one more controller of the same shape,
 * C8: inside kube-controller-manager), after pkg/controller/deployment: it
 * watches Deployments, their ReplicaSets and (for Recreate) their pods, and
 * rolls each Deployment out through one ReplicaSet per pod template, named
 * `<deployment>-<pod-template-hash>`, owned by the Deployment, and sized
 * step by step as the strategy allows (deployment-rollout.ts). It numbers
 * the rollouts (the revision annotation), keeps revisionHistoryLimit old
 * ReplicaSets, and reports status and conditions (deployment-status.ts).
 * A change of replicas alone is a scaling event: every active ReplicaSet
 * grows or shrinks in proportion, the rollout's state is kept.
 */
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { DeploymentStatus } from '../../spec/objects/deployment.ts';
import { isAlreadyExists, isConflict, isNotFound } from '../../spec/objects/status.ts';
import { eventRecorder, type EventRecorder } from '../client/events.ts';
import { Informer, objectKey } from '../client/informer.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { Cancel } from '../runtime/clock.ts';
import type { Controller, ControllerContext } from './controller.ts';
import type { PodObject } from './node-writes.ts';
import { controllerOf } from './replicaset.ts';
import {
  activeReplicaSets, annotationCount, DESIRED_REPLICAS_ANNOTATION, isRollingUpdate, isSaturated, maxSurge, newRSNewReplicas,
  replicaSetProportion, replicasOf, rsReplicas, setReplicasAnnotations, specReplicas, MAX_REPLICAS_ANNOTATION, type DeploymentObject, type ReplicaSetObject,
} from './deployment-replicas.ts';
import {
  activeOrLatest, byCreation, byRevision, equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, maxRevision, POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION, setDeploymentRevision, setNewReplicaSetAnnotations,
} from './deployment-revisions.ts';
import { rolloutRecreate, rolloutRolling, type RolloutActions } from './deployment-rollout.ts';
import { calculateStatus, conditionOf, deploymentComplete, hasProgressDeadline, newCondition, REASONS, rolloutStatus, setCondition } from './deployment-status.ts';
import { computeHash } from './pod-template-hash.ts';

export const DEPLOYMENT_CONTROLLER = 'deployment-controller';
const canonical = (v: unknown) => JSON.stringify(v);
/** The clock's wall time in milliseconds, to compare with the times conditions carry. */
const wallMs = (clock: ControllerContext['clock']) => Date.parse(clock.microTimestamp());

/** generateReplicaSetName: the Deployment's name, cut to fit 253 characters, then the hash. */
export function replicaSetName(deployment: string, hash: string): string {
  const room = 253 - 1 - hash.length;
  return `${deployment.length > room ? deployment.slice(0, room) : deployment}-${hash}`;
}

export class DeploymentController implements Controller {
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

  // What DeploymentSync reaches through its controller.
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

/** One sync of one Deployment: the steps of sync.go, with the ReplicaSets it owns. */
class DeploymentSync implements RolloutActions {
  constructor(
    private readonly dc: DeploymentController,
    readonly d: DeploymentObject,
    private rsList: ReplicaSetObject[],
  ) {}

  private get ns() {
    return { namespace: this.d.metadata.namespace ?? 'default' };
  }
  private now(): string {
    return this.dc.clock.timestamp();
  }

  /** Writes the Deployment's status (and revision annotation) and keeps working on what was stored. */
  private async updateStatus(): Promise<void> {
    const stored = await this.dc.client.update<DeploymentObject>('deployments', this.d, { ...this.ns, subresource: 'status' });
    this.d.metadata.resourceVersion = stored.metadata.resourceVersion;
  }

  async replicaSets(createIfMissing: boolean): Promise<[ReplicaSetObject | undefined, ReplicaSetObject[]]> {
    const oldRSs = findOldReplicaSets(this.d, this.rsList);
    return [await this.newReplicaSet(oldRSs, createIfMissing), oldRSs];
  }

  /** getNewReplicaSet: the existing one brought up to date, or (when asked) a new one at the size the strategy allows. */
  private async newReplicaSet(oldRSs: ReplicaSetObject[], create: boolean): Promise<ReplicaSetObject | undefined> {
    const d = this.d;
    const existing = findNewReplicaSet(d, this.rsList);
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) {
      const copy = structuredClone(existing);
      const annotationsChanged = setNewReplicaSetAnnotations(d, copy, newRevision, true);
      if (annotationsChanged || (copy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)) {
        copy.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
        return this.replace(await this.dc.client.update<ReplicaSetObject>('replicasets', copy, this.ns));
      }
      let needsUpdate = setDeploymentRevision(d, copy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
      if (hasProgressDeadline(d) && !conditionOf(d.status, 'Progressing')) {
        d.status ??= {};
        setCondition(d.status, newCondition('Progressing', 'True', REASONS.foundNewReplicaSet, `Found new replica set "${copy.metadata.name}"`, this.now()));
        needsUpdate = true;
      }
      if (needsUpdate) await this.updateStatus();
      return copy;
    }
    if (!create) return undefined;
    return this.createReplicaSet(oldRSs, newRevision);
  }

  private async createReplicaSet(oldRSs: ReplicaSetObject[], newRevision: number): Promise<ReplicaSetObject | undefined> {
    const d = this.d;
    const hash = computeHash(d.spec.template, d.status?.collisionCount);
    const template = structuredClone(d.spec.template);
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
    const selector = structuredClone(d.spec.selector);
    selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
    const rs: ReplicaSetObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: replicaSetName(d.metadata.name ?? '', hash),
        namespace: d.metadata.namespace,
        labels: { ...template.metadata.labels },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name ?? '', uid: d.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
    };
    rs.spec.replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
    setNewReplicaSetAnnotations(d, rs, newRevision, false);
    let created: ReplicaSetObject;
    try {
      created = await this.dc.client.create<ReplicaSetObject>('replicasets', rs, this.ns);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      // Ours, made by a sync the cache has not caught up with, or another template with the same hash.
      const found = this.dc.cachedReplicaSet(this.ns.namespace, rs.metadata.name ?? '');
      if (!found) return undefined;
      if (controllerOf(found)?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, found.spec.template)) return found;
      d.status = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
      await this.updateStatus();
      return undefined;
    }
    this.rsList = [...this.rsList, created];
    if ((created.spec.replicas ?? 0) > 0) await this.dc.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${created.spec.replicas}`);
    setDeploymentRevision(d, String(newRevision));
    if (hasProgressDeadline(d)) {
      d.status ??= {};
      setCondition(d.status, newCondition('Progressing', 'True', REASONS.newReplicaSetCreated, `Created new replica set "${created.metadata.name}"`, this.now()));
    }
    await this.updateStatus();
    return created;
  }

  /** Keeps this sync's list of ReplicaSets up to date with what a write stored. */
  private replace(rs: ReplicaSetObject): ReplicaSetObject {
    this.rsList = this.rsList.map((x) => (x.metadata.uid === rs.metadata.uid ? rs : x));
    return rs;
  }

  /** scaleReplicaSet: a new size (and the replicas annotations) with a ScalingReplicaSet event; `force` rewrites stale annotations too. */
  async scale(rs: ReplicaSetObject, size: number, force = false): Promise<[boolean, ReplicaSetObject]> {
    if (!force && rsReplicas(rs) === size) return [false, rs];
    const d = this.d;
    const copy = structuredClone(rs);
    const sizeChanges = rsReplicas(rs) !== size;
    copy.spec.replicas = size;
    const annotationsChange = setReplicasAnnotations(copy, replicasOf(d), replicasOf(d) + maxSurge(d));
    if (!sizeChanges && !annotationsChange) return [false, rs];
    const stored = this.replace(await this.dc.client.update<ReplicaSetObject>('replicasets', copy, this.ns));
    if (sizeChanges) {
      const direction = rsReplicas(rs) < size ? 'up' : 'down';
      await this.dc.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${direction} replica set ${rs.metadata.name} from ${rsReplicas(rs)} to ${size}`);
    }
    return [sizeChanges, stored];
  }

  /** checkPausedConditions: Progressing says Unknown while paused, and again when resumed. */
  async checkPausedConditions(): Promise<void> {
    const d = this.d;
    if (!hasProgressDeadline(d)) return;
    const current = conditionOf(d.status, 'Progressing');
    if (current?.reason === REASONS.timedOut) return;
    const pausedNoted = current?.reason === REASONS.paused;
    d.status ??= {};
    if (d.spec.paused && !pausedNoted) setCondition(d.status, newCondition('Progressing', 'Unknown', REASONS.paused, 'Deployment is paused', this.now()));
    else if (!d.spec.paused && pausedNoted) setCondition(d.status, newCondition('Progressing', 'Unknown', REASONS.resumed, 'Deployment is resumed', this.now()));
    else return;
    await this.updateStatus();
  }

  /** isScalingEvent: an active ReplicaSet was sized for other replicas than the Deployment asks for now. */
  async isScalingEvent(): Promise<boolean> {
    const [newRS, oldRSs] = await this.replicaSets(false);
    return activeReplicaSets([...oldRSs, newRS]).some((rs) => {
      const desired = annotationCount(rs, DESIRED_REPLICAS_ANNOTATION);
      return desired !== undefined && desired !== replicasOf(this.d);
    });
  }

  /** sync: a scaling event or a paused Deployment; sizes change, templates do not roll. */
  async syncScaling(): Promise<void> {
    const [newRS, oldRSs] = await this.replicaSets(false);
    await this.scaleProportionally(newRS, oldRSs);
    if (this.d.spec.paused) await this.cleanup(oldRSs);
    await this.syncStatus([...oldRSs, newRS], newRS);
  }

  async syncStatusOnly(): Promise<void> {
    const [newRS, oldRSs] = await this.replicaSets(false);
    await this.syncStatus([...oldRSs, newRS], newRS);
  }

  /** The scale step of sync.go: one active ReplicaSet takes it all; several share the change in proportion to their sizes. */
  private async scaleProportionally(newRS: ReplicaSetObject | undefined, oldRSs: ReplicaSetObject[]): Promise<void> {
    const d = this.d;
    const only = activeOrLatest(newRS, oldRSs);
    if (only) {
      if (rsReplicas(only) !== replicasOf(d)) await this.scale(only, replicasOf(d));
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of activeReplicaSets(oldRSs)) await this.scale(old, 0);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const active = activeReplicaSets([...oldRSs, newRS]);
    const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
    const toAdd = allowed - specReplicas(active);
    // Larger first; on a tie, the newer grows first and the older shrinks first.
    const newerFirst = (a: ReplicaSetObject, b: ReplicaSetObject) => rsReplicas(b) - rsReplicas(a) || byCreation(b, a);
    const olderFirst = (a: ReplicaSetObject, b: ReplicaSetObject) => rsReplicas(b) - rsReplicas(a) || byCreation(a, b);
    if (toAdd > 0) active.sort(newerFirst);
    else if (toAdd < 0) active.sort(olderFirst);
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of active) {
      const share = toAdd !== 0 ? replicaSetProportion(rs, d, toAdd, added) : 0;
      sizes.set(rs.metadata.uid ?? '', rsReplicas(rs) + share);
      added += share;
    }
    for (const [i, rs] of active.entries()) {
      let size = sizes.get(rs.metadata.uid ?? '')!;
      if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
      await this.scale(rs, size, true);
    }
  }

  /** cleanupDeployment: old ReplicaSets past revisionHistoryLimit go, lowest revision first, once they are empty. */
  async cleanup(oldRSs: ReplicaSetObject[]): Promise<void> {
    const limit = this.d.spec.revisionHistoryLimit;
    if (limit === undefined || limit === 2 ** 31 - 1) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(byRevision);
    const excess = cleanable.length - limit;
    for (const rs of cleanable.slice(0, Math.max(0, excess))) {
      if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || (rs.metadata.generation ?? 1) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        await this.dc.client.delete('replicasets', rs.metadata.name ?? '', this.ns);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  private async writeStatus(status: DeploymentStatus): Promise<void> {
    if (canonical(this.d.status ?? {}) === canonical(status)) {
      this.dc.scheduleProgressCheck(this.d, status);
      return;
    }
    this.d.status = status;
    await this.updateStatus();
  }

  private syncStatus(allRSs: Array<ReplicaSetObject | undefined>, newRS: ReplicaSetObject | undefined): Promise<void> {
    return this.writeStatus(calculateStatus(allRSs, newRS, this.d, this.now()));
  }

  syncRolloutStatus(allRSs: Array<ReplicaSetObject | undefined>, newRS: ReplicaSetObject | undefined): Promise<void> {
    return this.writeStatus(rolloutStatus(allRSs, newRS, this.d, this.now(), wallMs(this.dc.clock)));
  }

  oldPodsRunning(newRS: ReplicaSetObject | undefined, oldRSs: ReplicaSetObject[]): boolean {
    return oldRSs.some((rs) => rs.metadata.uid !== newRS?.metadata.uid && this.dc.podsOf(rs).some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded'));
  }
}

export const deploymentController = (ctx: ControllerContext): Controller => new DeploymentController(ctx);

export { MAX_REPLICAS_ANNOTATION };
