/**
 * One sync of one Deployment (pkg/controller/deployment/sync.go): find its
 * new and old ReplicaSets (creating the new one, named with the
 * pod-template-hash, when the rollout needs it), keep their revision and
 * replicas annotations, scale them with a ScalingReplicaSet event, remove
 * ReplicaSets past revisionHistoryLimit, and write the Deployment's status.
 * The rollout strategies (deployment-rollout.ts) and proportional scaling
 * (deployment-scaling.ts) act through it.
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { DeploymentStatus } from '../../spec/objects/deployment.ts';
import { isAlreadyExists, isNotFound } from '../../spec/objects/status.ts';
import type { Clock } from '../runtime/clock.ts';
import type { PodObject } from './node-writes.ts';
import { controllerOf } from './replicaset.ts';
import {
  activeReplicaSets, annotationCount, DESIRED_REPLICAS_ANNOTATION, maxSurge, newRSNewReplicas, replicasOf, rsReplicas, setReplicasAnnotations,
  type DeploymentObject, type ReplicaSetObject,
} from './deployment-replicas.ts';
import {
  byRevision, equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, maxRevision, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION,
  setDeploymentRevision, setNewReplicaSetAnnotations,
} from './deployment-revisions.ts';
import type { RolloutActions } from './deployment-rollout.ts';
import { scaleProportionally } from './deployment-scaling.ts';
import { calculateStatus, conditionOf, hasProgressDeadline, newCondition, REASONS, rolloutStatus, setCondition } from './deployment-status.ts';
import { computeHash } from './pod-template-hash.ts';

/** What a sync reaches through the controller that runs it. */
export interface SyncHost {
  readonly client: ApiClient;
  readonly clock: Clock;
  record(d: DeploymentObject, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void>;
  /** The informer's copy of a ReplicaSet. */
  cachedReplicaSet(namespace: string, name: string): ReplicaSetObject | undefined;
  /** The pods a ReplicaSet controls, from the informer. */
  podsOf(rs: ReplicaSetObject): PodObject[];
  /** Looks at the Deployment again when its progress deadline runs out. */
  scheduleProgressCheck(d: DeploymentObject, status: DeploymentStatus): void;
}

const canonical = (v: unknown) => JSON.stringify(v);
/** The clock's wall time in milliseconds, to compare with the times conditions carry. */
export const wallMs = (clock: Clock) => Date.parse(clock.microTimestamp());

/** generateReplicaSetName: the Deployment's name, cut to fit 253 characters, then the hash. */
export function replicaSetName(deployment: string, hash: string): string {
  const room = 253 - 1 - hash.length;
  return `${deployment.length > room ? deployment.slice(0, room) : deployment}-${hash}`;
}

/** One sync of one Deployment: the steps of sync.go, with the ReplicaSets it owns. */
export class DeploymentSync implements RolloutActions {
  constructor(
    private readonly dc: SyncHost,
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
    await scaleProportionally(this, newRS, oldRSs);
    if (this.d.spec.paused) await this.cleanup(oldRSs);
    await this.syncStatus([...oldRSs, newRS], newRS);
  }

  async syncStatusOnly(): Promise<void> {
    const [newRS, oldRSs] = await this.replicaSets(false);
    await this.syncStatus([...oldRSs, newRS], newRS);
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
