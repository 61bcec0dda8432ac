/**
 * The node lifecycle controller's writes, each through the API with a fresh
 * read and a retry on conflict (the kubelet writes the same Node), as
 * controllerutil.SwapNodeControllerTaint and MarkPodsNotReady do.
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node, Taint } from '../../spec/objects/node.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import { isNotFound, retryOnConflict } from '../../spec/objects/status.ts';
import type { EventRecorder } from '../client/events.ts';
import { swapTaints } from './node-taints.ts';

export type NodeObject = Node & KubeObject;
export type PodObject = Pod & KubeObject;

/** Reads the node, lets `change` compute its new taints (undefined: nothing to do), writes them. False when the node is gone. */
export async function updateTaints(client: ApiClient, name: string, change: (node: NodeObject) => Taint[] | undefined): Promise<boolean> {
  try {
    return await retryOnConflict(async () => {
      const node = await client.get<NodeObject>('nodes', name);
      const taints = change(node);
      if (taints) await client.update('nodes', { ...node, spec: { ...node.spec, taints } });
      return true;
    });
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}

export function swapNodeTaints(client: ApiClient, name: string, add: Taint[], remove: Taint[], now: () => string): Promise<boolean> {
  return updateTaints(client, name, (node) => swapTaints(node.spec?.taints ?? [], add, remove, now()));
}

/** Sets each pod's Ready condition to False, with the Warning event `NodeNotReady` (controllerutil.MarkPodsNotReady). */
export async function markPodsNotReady(client: ApiClient, events: EventRecorder, pods: PodObject[], now: string): Promise<void> {
  for (const cached of pods) {
    let marked: PodObject | undefined;
    try {
      marked = await retryOnConflict(async () => {
        const pod = await client.get<PodObject>('pods', cached.metadata.name ?? '', { namespace: cached.metadata.namespace });
        const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
        if (!ready || ready.status === 'False') return undefined;
        const conditions = (pod.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'False' as const, lastTransitionTime: now } : c));
        await client.update('pods', { ...pod, status: { ...pod.status, conditions } }, { namespace: pod.metadata.namespace, subresource: 'status' });
        return pod;
      });
    } catch (e) {
      if (!isNotFound(e)) throw e; // deleted meanwhile: nothing left to mark
    }
    if (marked) await events.record(marked, 'Warning', 'NodeNotReady', 'Node is not ready');
  }
}
