/** metav1.LabelSelector matching (matchLabels and matchExpressions), as ReplicaSets select their pods. */
import type { LabelSelector } from '../../spec/objects/replicaset.ts';

/** An empty selector matches everything, as metav1.LabelSelectorAsSelector makes it. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string> = {}): boolean {
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const req of selector?.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    const value = labels[req.key];
    const values = req.values ?? [];
    const ok =
      req.operator === 'In' ? has && values.includes(value!)
      : req.operator === 'NotIn' ? !has || !values.includes(value!)
      : req.operator === 'Exists' ? has
      : !has;
    if (!ok) return false;
  }
  return true;
}
