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
    // A plain loop: this runs for every node a pod is checked against, and most nodes have no taints.
    for (const taint of node.taints) {
      if ((taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerated(pod.tolerations, taint)) return unresolvable(TAINT_TOLERATION, ERR_REASON_UNTOLERATED);
    }
    return SUCCESS;
  },
} satisfies FilterPlugin;
