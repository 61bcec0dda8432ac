/**
 * Which ReplicaSet of a Deployment is the new one and which are old, and
 * the revision numbers they carry (pkg/controller/deployment/util): the
 * new ReplicaSet is the one whose template equals the Deployment's but for
 * the pod-template-hash label; every rollout gives it the next revision
 * (`deployment.kubernetes.io/revision`), which `kubectl rollout history`
 * lists and `rollout undo` goes back to.
 */
import { setReplicasAnnotations, maxSurge, replicasOf, rsReplicas, type DeploymentObject, type ReplicaSetObject } from './deployment-replicas.ts';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const ROLLBACK_TO = 'deprecated.deployment.rollback.to';
/** A Deployment's annotations that are not handed to its ReplicaSets (annotationsToSkip). */
const NOT_COPIED = new Set([LAST_APPLIED, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', ROLLBACK_TO]);
/** The revision history annotation stops growing past this many characters. */
const MAX_REVISION_HISTORY_CHARS = 2000;

/** Revision: the number in the annotation, 0 without one, undefined when it is not a number. */
export function revisionOf(rs: ReplicaSetObject): number | undefined {
  const raw = rs.metadata.annotations?.[REVISION_ANNOTATION];
  if (raw === undefined) return 0;
  return /^-?[0-9]+$/.test(raw) ? Number(raw) : undefined;
}

export const maxRevision = (rss: readonly ReplicaSetObject[]): number => Math.max(0, ...rss.map((rs) => revisionOf(rs) ?? 0));

/** A JSON rendering with object keys sorted, so two templates compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** EqualIgnoreHash: two pod templates are the same when only their pod-template-hash labels differ. */
export function equalIgnoreHash(a: ReplicaSetObject['spec']['template'], b: ReplicaSetObject['spec']['template']): boolean {
  const strip = (t: typeof a) => {
    const labels = { ...t.metadata?.labels };
    delete labels[POD_TEMPLATE_HASH_LABEL];
    // An empty label map and none are the same to apiequality.Semantic.
    return { ...t, metadata: { ...t.metadata, labels: Object.keys(labels).length ? labels : undefined } };
  };
  return canonical(strip(a)) === canonical(strip(b));
}

/** ReplicaSetsByCreationTimestamp: oldest first, names breaking ties. */
export function byCreation(a: ReplicaSetObject, b: ReplicaSetObject): number {
  const [x, y] = [a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? ''];
  if (x !== y) return x < y ? -1 : 1;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template is the Deployment's. */
export function findNewReplicaSet(d: DeploymentObject, rss: readonly ReplicaSetObject[]): ReplicaSetObject | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

/** FindOldReplicaSets: every other ReplicaSet the Deployment owns. */
export function findOldReplicaSets(d: DeploymentObject, rss: readonly ReplicaSetObject[]): ReplicaSetObject[] {
  const newRS = findNewReplicaSet(d, rss);
  return rss.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
}

/** copyDeploymentAnnotationsToReplicaSet: the Deployment's own annotations go to the ReplicaSet; true when one changed. */
function copyAnnotations(d: DeploymentObject, rs: ReplicaSetObject): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: the Deployment's annotations, the new
 * revision when it is higher (the old one joins the revision history), and
 * for a ReplicaSet being created the desired and max replicas. True when
 * anything changed.
 */
export function setNewReplicaSetAnnotations(d: DeploymentObject, rs: ReplicaSetObject, newRevision: number, exists: boolean): boolean {
  let changed = copyAnnotations(d, rs);
  const annotations = (rs.metadata.annotations ??= {});
  const old = annotations[REVISION_ANNOTATION];
  const oldRevision = old === undefined || old === '' ? 0 : /^-?[0-9]+$/.test(old) ? Number(old) : undefined;
  if (oldRevision === undefined) return false;
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (old !== undefined) {
      const history = annotations[REVISION_HISTORY_ANNOTATION];
      const next = history ? `${history},${old}` : old;
      if (next.length <= MAX_REVISION_HISTORY_CHARS) annotations[REVISION_HISTORY_ANNOTATION] = next;
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** SetDeploymentRevision: the Deployment carries its new ReplicaSet's revision; true when it changed. */
export function setDeploymentRevision(d: DeploymentObject, revision: string): boolean {
  const annotations = (d.metadata.annotations ??= {});
  if (annotations[REVISION_ANNOTATION] === revision) return false;
  annotations[REVISION_ANNOTATION] = revision;
  return true;
}

/** ReplicaSetsByRevision: lowest revision first (creation order where they tie or do not parse). */
export function byRevision(a: ReplicaSetObject, b: ReplicaSetObject): number {
  const [x, y] = [revisionOf(a), revisionOf(b)];
  if (x === undefined || y === undefined || x === y) return byCreation(a, b);
  return x - y;
}

/** FindActiveOrLatest: the only ReplicaSet with pods, or with none the newest (the new one first). */
export function activeOrLatest(newRS: ReplicaSetObject | undefined, oldRSs: readonly ReplicaSetObject[]): ReplicaSetObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = [...newestFirst, newRS].filter((rs): rs is ReplicaSetObject => !!rs && rsReplicas(rs) > 0);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}
