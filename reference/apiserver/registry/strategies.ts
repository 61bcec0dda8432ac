/**
 * What the api-server does to an object of each kind on its way into the
 * store (registry strategies in Kubernetes): fields it sets on create, the
 * fields an update may not touch, and what the status subresource changes.
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { Pod } from '../../../spec/objects/pod.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { Random } from '../../runtime/random.ts';
import type { ResourceInfo } from './resources.ts';

export interface StrategyContext {
  clock: Clock;
  random: Random;
}

/** Kinds whose status is written only through the status subresource. */
const STATUS_SPLIT = new Set(['pods', 'nodes', 'services', 'replicasets', 'namespaces']);

export function hasStatusSubresource(r: ResourceInfo): boolean {
  return STATUS_SPLIT.has(r.resource);
}

const isPlainObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function prepareForCreate(r: ResourceInfo, obj: KubeObject, ctx: StrategyContext): void {
  obj.apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
  obj.kind = r.kind;
  const meta = obj.metadata;
  if (!meta.name && meta.generateName) meta.name = meta.generateName + ctx.random.uuid().replace(/-/g, '').slice(0, 5);
  meta.uid = ctx.random.uuid();
  meta.creationTimestamp = ctx.clock.timestamp();
  meta.generation = 1;
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  // A body of the wrong shape is left for validation to refuse (422), never a crash here.
  if (r.resource === 'pods' && isPlainObject(obj.spec)) preparePodForCreate(obj as unknown as Pod);
  if (r.resource === 'namespaces') obj.status = { phase: 'Active' };
}

/** A new pod is Pending with no status of its own; its node is set only through binding (S1). */
function preparePodForCreate(pod: Pod): void {
  pod.status = { phase: 'Pending' };
  pod.spec.restartPolicy ??= 'Always';
  pod.spec.schedulerName ??= 'default-scheduler';
  pod.spec.serviceAccountName ??= 'default';
  pod.spec.terminationGracePeriodSeconds ??= 30;
  for (const c of Array.isArray(pod.spec.containers) ? pod.spec.containers.filter(isPlainObject) : []) {
    if (typeof c.image === 'string') c.imagePullPolicy ??= c.image.endsWith(':latest') || !c.image.includes(':') ? 'Always' : 'IfNotPresent';
    for (const p of Array.isArray(c.ports) ? c.ports.filter(isPlainObject) : []) p.protocol ??= 'TCP';
  }
}

/** A main-resource update keeps the stored status and identity; a status update keeps everything but status. */
export function prepareForUpdate(r: ResourceInfo, next: KubeObject, old: KubeObject, subresource: string | undefined): KubeObject {
  const keep = {
    uid: old.metadata.uid,
    creationTimestamp: old.metadata.creationTimestamp,
    ...(old.metadata.deletionTimestamp ? { deletionTimestamp: old.metadata.deletionTimestamp } : {}),
    ...(old.metadata.deletionGracePeriodSeconds !== undefined ? { deletionGracePeriodSeconds: old.metadata.deletionGracePeriodSeconds } : {}),
  };
  if (subresource === 'status') {
    return { ...old, status: next.status, metadata: { ...old.metadata } };
  }
  const merged: KubeObject = { ...next, apiVersion: old.apiVersion, kind: old.kind, metadata: { ...next.metadata, ...keep } };
  if (hasStatusSubresource(r)) {
    if (old.status === undefined) delete merged.status;
    else merged.status = old.status;
  }
  const specChanged = JSON.stringify(next.spec) !== JSON.stringify(old.spec);
  merged.metadata.generation = (old.metadata.generation ?? 1) + (specChanged ? 1 : 0);
  return merged;
}
