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
    // A plain loop: this runs for every node a pod is checked against, and most nodes have no taints.
    for (const taint of node.taints) {
      if ((taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerated(pod.tolerations, taint)) {
        return unresolvable(TAINT_TOLERATION, `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
      }
    }
    return SUCCESS;
  },
} satisfies FilterPlugin;
