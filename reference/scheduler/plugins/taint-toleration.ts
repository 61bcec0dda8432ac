/**
 * TaintToleration, the filter (pkg/scheduler/framework/plugins/tainttoleration):
 * a node with a NoSchedule or NoExecute taint the pod does not tolerate gets
 * no new pods. The first such taint is named in the reason, e.g. a node the
 * node controller marked `node.kubernetes.io/unreachable:NoSchedule` gives
 * `node(s) had untolerated taint {node.kubernetes.io/unreachable: }`.
 * (PreferNoSchedule only lowers a score in Kubernetes; it is not modelled.)
 */
import type { FilterPlugin } from '../framework/plugin.ts';
import { SUCCESS, unresolvable } from '../framework/status.ts';
import { tolerated } from './toleration.ts';

export const TAINT_TOLERATION = 'TaintToleration';

export const taintToleration = {
  name: TAINT_TOLERATION,
  filter(pod, node) {
    const taint = node.taints.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerated(pod.tolerations, t));
    if (!taint) return SUCCESS;
    return unresolvable(TAINT_TOLERATION, `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  },
} satisfies FilterPlugin;
