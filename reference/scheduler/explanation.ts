/**
 * A decision in a form people and tests can read: each node checked, its
 * filter verdict and reasons, each scoring plugin's score, the total, and
 * the node chosen. `kubespec schedule -o json` prints it; the running
 * scheduler, when `schedulerExplain` is on, records it on the pod as an
 * annotation, as the Kubernetes scheduler simulator does with its
 * `kube-scheduler-simulator.sigs.k8s.io/*-result` annotations.
 */
import type { Evaluation, NodeVerdict } from './evaluate.ts';

export const EXPLANATION_ANNOTATION = 'scheduler.kubespec.io/explanation';

export interface Explanation {
  nodes: NodeVerdict[];
  selected: string | null;
}

export function explanationOf(evaluation: Evaluation): Explanation {
  return {
    nodes: evaluation.nodes.map((n) => ({ name: n.name, feasible: n.feasible, reasons: n.reasons, scores: n.scores, total: n.total })),
    selected: evaluation.selected,
  };
}
