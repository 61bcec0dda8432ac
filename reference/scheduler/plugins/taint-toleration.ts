/**
 * TaintToleration, the filter (pkg/scheduler/framework/plugins/tainttoleration):
 * a node with a NoSchedule or NoExecute taint the pod does not tolerate gets
 * no new pods, with the reason `node(s) had untolerated taint(s)` (Kubernetes
 * 1.37 no longer names the taint in the reason; it logs it, at verbosity 4).
 * (PreferNoSchedule only lowers a score in Kubernetes; it is not modelled.)
 */
import type { FilterPlugin } from '../framework/plugin.ts';
import { SUCCESS, unresolvable } from '../framework/status.ts';
import { tolerated } from './toleration.ts';

export const TAINT_TOLERATION = 'TaintToleration';
export const ERR_REASON_UNTOLERATED = 'node(s) had untolerated taint(s)';

export const taintToleration = {
  name: TAINT_TOLERATION,
  filter(pod, node) {
    const taint = node.taints.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerated(pod.tolerations, t));
    if (!taint) return SUCCESS;
    return unresolvable(TAINT_TOLERATION, ERR_REASON_UNTOLERATED);
  },
} satisfies FilterPlugin;
