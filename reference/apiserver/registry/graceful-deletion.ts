/**
 * Graceful pod deletion (pkg/registry/core/pod/strategy.go CheckGracefulDelete
 * and apiserver's BeforeDelete): a pod that runs on a node is not removed
 * when it is deleted; it is marked with `metadata.deletionTimestamp` (now +
 * the grace period) so that its kubelet can stop the containers and then
 * remove it with `gracePeriodSeconds: 0`. An unbound or finished pod, or a
 * delete with grace 0, is removed at once.
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { Pod } from '../../../spec/objects/pod.ts';
import type { Clock } from '../../runtime/clock.ts';

/** What a delete does to a pod: remove it now, mark it (a write), or leave an earlier, shorter mark alone. */
export type PodDeletion = { action: 'remove' } | { action: 'mark'; pod: KubeObject } | { action: 'unchanged' };

/** The grace period a delete gets: the request's, else the pod's own; 0 when no kubelet has to stop anything. */
export function podGracePeriod(pod: Pod, requested: number | undefined): number {
  if (!pod.spec.nodeName) return 0;
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
  return Math.max(0, requested ?? pod.spec.terminationGracePeriodSeconds ?? 30);
}

export function podDeletion(current: KubeObject, requested: number | undefined, clock: Clock): PodDeletion {
  const grace = podGracePeriod(current as unknown as Pod, requested);
  if (grace === 0) return { action: 'remove' };
  const meta = current.metadata;
  // A second delete may shorten a pending grace period, never lengthen it.
  if (meta.deletionTimestamp && (meta.deletionGracePeriodSeconds ?? Infinity) <= grace) return { action: 'unchanged' };
  const deadline = new Date(Date.parse(clock.timestamp()) + grace * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const pod = structuredClone(current);
  pod.metadata.deletionTimestamp = deadline;
  pod.metadata.deletionGracePeriodSeconds = grace;
  pod.metadata.generation = (meta.generation ?? 1) + 1;
  return { action: 'mark', pod };
}
