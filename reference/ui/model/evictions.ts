/**
 * Each pod's eviction countdown on a node with NoExecute taints, as the
 * taint-eviction controller keeps it (reference/controllers/tolerations.ts):
 * at once when a taint is not tolerated, never when the matching
 * toleration has no seconds, otherwise the smallest tolerationSeconds
 * after the taints appeared.
 */
import type { Node, Taint } from '../../../spec/objects/node.ts';
import type { Pod, Toleration } from '../../../spec/objects/pod.ts';
import { matchingTolerations, minTolerationMs } from '../../controllers/tolerations.ts';

export interface Countdown {
  pod: string;
  namespace: string;
  /** ms the pod may stay after the taints appeared; undefined: it tolerates them forever. */
  tolerationMs: number | undefined;
  /** When the countdown started and ends (ms on the same clock as `taintedAt`). */
  startedAt: number;
  dueAt: number | undefined;
  /** True when the pod already carries a deletionTimestamp. */
  marked: boolean;
}

/**
 * `taintedAt(taint)` says when a taint appeared: what a client saw, or the
 * taint's own timeAdded. Pods that have finished are left out.
 */
export function evictionCountdowns(node: Node, pods: readonly Pod[], taintedAt: (t: Taint) => number): Countdown[] {
  const taints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
  if (!taints.length) return [];
  // The controller keeps the countdown it started when the first NoExecute taint appeared.
  const startedAt = Math.min(...taints.map(taintedAt));
  return pods
    .filter((p) => p.spec.nodeName === node.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .map((p) => {
      const { tolerated, used } = matchingTolerations(taints, p.spec.tolerations ?? ([] as Toleration[]));
      const tolerationMs = tolerated ? minTolerationMs(used) : 0;
      return {
        pod: p.metadata.name ?? '',
        namespace: p.metadata.namespace ?? 'default',
        tolerationMs,
        startedAt,
        dueAt: tolerationMs === undefined ? undefined : startedAt + tolerationMs,
        marked: Boolean(p.metadata.deletionTimestamp),
      };
    });
}
