/**
 * `kubectl drain NODE --ignore-daemonsets --delete-emptydir-data`, step by
 * step as kubectl's drain helper (k8s.io/kubectl/pkg/drain) takes it,
 * through the API only: cordon the node (spec.unschedulable), list its pods
 * with the field selector spec.nodeName=NODE, leave out mirror and
 * DaemonSet pods, refuse pods no controller would re-create, post an
 * Eviction for each of the others, try again every 5 seconds while a
 * disruption budget answers 429, and wait until each evicted pod is gone.
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import { isNotFound, isStatusError } from '../../spec/objects/status.ts';

type PodObject = Pod & KubeObject;

/** What happened during a drain, for the Then-steps. */
export interface DrainReport {
  /** The pods evicted, as namespace/name. */
  evicted: string[];
  /** Every 429 a disruption budget answered, as kubectl prints it: the Status message, then its causes. */
  heldBack: string[];
}

/** kubectl's retry delay after a 429, and its poll interval while it waits for a pod to be gone. */
const RETRY_AFTER_MS = 5_000;
const POLL_MS = 1_000;
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

const controllerOf = (pod: PodObject) => pod.metadata.ownerReferences?.find((r) => r.controller);
const keyOf = (pod: PodObject) => `${pod.metadata.namespace}/${pod.metadata.name}`;

/** GetPodsForDeletion's filters: which pods a drain evicts; throws kubectl's error for pods it must not touch. */
export function podsToEvict(pods: readonly PodObject[]): PodObject[] {
  const unmanaged: string[] = [];
  const out = pods.filter((pod) => {
    if (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) return false;
    if (controllerOf(pod)?.kind === 'DaemonSet') return false; // --ignore-daemonsets
    if (!controllerOf(pod) && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') unmanaged.push(keyOf(pod));
    return true; // emptyDir data goes with the pod: --delete-emptydir-data
  });
  if (unmanaged.length) {
    throw new Error(`cannot delete Pods not managed by ReplicationController, ReplicaSet, Job, DaemonSet or StatefulSet (use --force to override): ${unmanaged.join(', ')}`);
  }
  return out;
}

/** Drains `node`; `pass(ms)` lets time pass (virtual or real), as kubectl's sleeps do. */
export async function drainNode(client: ApiClient, node: string, pass: (ms: number) => Promise<void>, limitMs = 10 * 60_000): Promise<DrainReport> {
  await client.patch('nodes', node, { spec: { unschedulable: true } }, { type: 'strategic' });
  const onNode = (await client.list<PodObject>('pods', { fieldSelector: `spec.nodeName=${node}` })).items;
  let pending = podsToEvict(onNode);
  const report: DrainReport = { evicted: [], heldBack: [] };
  const evicted: PodObject[] = [];
  for (let waited = 0; pending.length > 0; waited += RETRY_AFTER_MS) {
    if (waited > limitMs) throw new Error(`drain of node "${node}" still blocked after ${limitMs / 1000} s: ${pending.map(keyOf).join(', ')}`);
    const refused: PodObject[] = [];
    for (const pod of pending) {
      const { name = '', namespace } = pod.metadata;
      const eviction = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace } } as KubeObject;
      try {
        await client.create('pods', eviction, { namespace: namespace ?? 'default', name, subresource: 'eviction' });
        evicted.push(pod);
        report.evicted.push(keyOf(pod));
      } catch (e) {
        if (isNotFound(e)) continue;
        if (!isStatusError(e) || e.status.code !== 429) throw e;
        report.heldBack.push([e.status.message, ...(e.status.details?.causes ?? []).map((c) => c.message ?? '')].join(' '));
        refused.push(pod);
      }
    }
    pending = refused;
    if (pending.length) await pass(RETRY_AFTER_MS);
  }
  await waitForDelete(client, evicted, pass, limitMs);
  return report;
}

/** waitForDelete: until each evicted pod is gone, or replaced by another of the same name. */
async function waitForDelete(client: ApiClient, pods: readonly PodObject[], pass: (ms: number) => Promise<void>, limitMs: number): Promise<void> {
  for (let waited = 0; ; waited += POLL_MS) {
    const left: string[] = [];
    for (const pod of pods) {
      try {
        const now = await client.get<PodObject>('pods', pod.metadata.name ?? '', { namespace: pod.metadata.namespace ?? 'default' });
        if (now.metadata.uid === pod.metadata.uid) left.push(keyOf(pod));
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    if (left.length === 0) return;
    if (waited > limitMs) throw new Error(`evicted pods still there after ${limitMs / 1000} s: ${left.join(', ')}`);
    await pass(POLL_MS);
  }
}
