/**
 * Whether a pod's tolerations tolerate a taint (k8s.io/api/core/v1
 * Toleration.ToleratesTaint): an empty effect or key matches any; operator
 * Exists matches any value, Equal (the default) needs the same value.
 */
import type { Taint } from '../../../spec/objects/node.ts';
import type { Toleration } from '../../../spec/objects/pod.ts';

export function toleratesTaint(t: Toleration, taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

export function tolerated(tolerations: readonly Toleration[], taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  return tolerations.some((t) => toleratesTaint(t, taint));
}
