/**
 * Which tolerations let a pod stay on a node with NoExecute taints, and for
 * how long (k8s.io/api/core/v1 ToleratesTaint, v1helper.GetMatchingTolerations,
 * tainteviction getMinTolerationTime).
 */
import type { Taint } from '../../spec/objects/node.ts';
import type { Toleration } from '../../spec/objects/pod.ts';

/** An empty key with Exists tolerates every key; an empty effect tolerates every effect. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** For each taint the first toleration that tolerates it; `tolerated` is false when one taint has none. */
export function matchingTolerations(taints: Taint[], tolerations: Toleration[]): { tolerated: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const match = tolerations.find((t) => toleratesTaint(t, taint));
    if (!match) return { tolerated: false, used: [] };
    used.push(match);
  }
  return { tolerated: true, used };
}

/**
 * How long the pod may stay, in ms: the smallest tolerationSeconds among the
 * tolerations used (0 or less means at once); undefined means forever (none
 * of them has seconds).
 */
export function minTolerationMs(used: Toleration[]): number | undefined {
  if (used.length === 0) return 0;
  let min: number | undefined;
  for (const t of used) {
    if (t.tolerationSeconds === undefined) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min ?? Infinity, t.tolerationSeconds * 1000);
  }
  return min;
}
