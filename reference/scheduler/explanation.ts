/**
 * A decision in the contract's explanation form (spec/explanation.ts):
 * `kubespec schedule -o json` prints it; the running scheduler, when
 * `schedulerExplain` is on, records it on the pod as an annotation.
 */
import { EXPLANATION_ANNOTATION, type Explanation } from '../../spec/explanation.ts';
import type { Evaluation } from './evaluate.ts';

export { EXPLANATION_ANNOTATION, type Explanation };

export function explanationOf(evaluation: Evaluation): Explanation {
  return {
    nodes: evaluation.nodes.map((n) => ({ name: n.name, feasible: n.feasible, reasons: n.reasons, scores: n.scores, total: n.total })),
    selected: evaluation.selected,
  };
}
