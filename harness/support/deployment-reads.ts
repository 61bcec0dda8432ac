/**
 * A Deployment as a client sees it: the ReplicaSets it controls (by their
 * controller ownerReference, as kubectl's rollout commands find them), the
 * pods of those, and kubectl 1.20's `rollout undo`, which is client-side: it
 * patches the Deployment with an old ReplicaSet's template.
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { Deployment } from '../../spec/objects/deployment.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { ReplicaSet } from '../../spec/objects/replicaset.ts';
import type { PodObject } from './cluster-reads.ts';

export type DeploymentObject = Deployment & KubeObject;
export type ReplicaSetObject = ReplicaSet & KubeObject;

const ns = { namespace: 'default' };
export const REVISION = 'deployment.kubernetes.io/revision';
export const HASH_LABEL = 'pod-template-hash';

export const revisionOf = (rs: ReplicaSetObject): number => Number(rs.metadata.annotations?.[REVISION] ?? 0);
export const imagesOf = (obj: { spec: { template?: { spec: { containers: Array<{ image: string }> } } } } | PodObject): string =>
  ('template' in obj.spec && obj.spec.template ? obj.spec.template.spec.containers : (obj as PodObject).spec.containers).map((c) => c.image).join(',');

const controlledBy = (obj: KubeObject, owner: KubeObject) => obj.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid) ?? false;

export async function replicaSetsOf(client: ApiClient, d: DeploymentObject): Promise<ReplicaSetObject[]> {
  const all = (await client.list<ReplicaSetObject>('replicasets', ns)).items;
  return all.filter((rs) => controlledBy(rs, d)).sort((a, b) => revisionOf(a) - revisionOf(b));
}

/** Pods of the Deployment's ReplicaSets that are neither finished nor being deleted. */
export async function livePodsOf(client: ApiClient, rss: readonly ReplicaSetObject[]): Promise<PodObject[]> {
  const pods = (await client.list<PodObject>('pods', ns)).items;
  return pods.filter((p) => rss.some((rs) => controlledBy(p, rs)) && !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
}

/** kubectl's annotationsToSkip: what a rollback keeps from the Deployment rather than the ReplicaSet. */
const SKIPPED = ['kubectl.kubernetes.io/last-applied-configuration', REVISION, 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to'];

/**
 * `kubectl rollout undo deployment/<name>` as kubectl 1.20 does it
 * (DeploymentRollbacker): the old ReplicaSet with the highest revision gives
 * its template (less the pod-template-hash label) and annotations, sent as
 * a JSON patch. The controller then rolls that template out as a new revision.
 */
export async function rolloutUndo(client: ApiClient, name: string): Promise<void> {
  const d = await client.get<DeploymentObject>('deployments', name, ns);
  const rss = await replicaSetsOf(client, d);
  const current = rss.find((rs) => JSON.stringify(withoutHash(rs.spec.template)) === JSON.stringify(d.spec.template));
  const previous = rss.filter((rs) => rs !== current).at(-1);
  if (!previous) throw new Error(`no rollout history found for deployment "${name}"`);
  const template = withoutHash(previous.spec.template);
  const annotations: Record<string, string> = {};
  for (const k of SKIPPED) if (d.metadata.annotations?.[k] !== undefined) annotations[k] = d.metadata.annotations[k]!;
  for (const [k, v] of Object.entries(previous.metadata.annotations ?? {})) if (!SKIPPED.includes(k)) annotations[k] = v;
  await client.patch('deployments', name, [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ], { ...ns, type: 'json' });
}

function withoutHash(template: ReplicaSetObject['spec']['template']): ReplicaSetObject['spec']['template'] {
  const copy = structuredClone(template);
  if (copy.metadata?.labels) delete copy.metadata.labels[HASH_LABEL];
  return copy;
}
