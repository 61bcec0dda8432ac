/**
 * NodeAffinity, the filter (pkg/scheduler/framework/plugins/nodeaffinity):
 * a node whose labels do not satisfy the pod's `nodeSelector` and its
 * required node affinity (reference/api/node-selector.ts) gets no new pod,
 * with Kubernetes' reason `node(s) didn't match Pod's node affinity/selector`.
 * Only a change to the node's labels helps, so the verdict is
 * UnschedulableAndUnresolvable, and the scheduler tries such a pod again
 * when a node's labels change (`kubectl label nodes`). The preferred terms
 * (a score plugin in Kubernetes) are not modelled.
 *
 * Example: a pod with nodeSelector {disk: ssd} on nodes worker-1
 * (disk=ssd) and worker-2 (no labels): worker-1 passes, worker-2 is left
 * out with the reason above.
 */
import { hasRequiredNodeAffinity, matchesRequiredNodeAffinity } from '../../api/node-selector.ts';
import type { FilterPlugin } from '../framework/plugin.ts';
import { SUCCESS, unresolvable } from '../framework/status.ts';

export const NODE_AFFINITY = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

export const nodeAffinity = {
  name: NODE_AFFINITY,
  filter(pod, node) {
    // Most pods ask nothing of their node: no work per node for them.
    if (!hasRequiredNodeAffinity(pod.pod) || matchesRequiredNodeAffinity(pod.pod, node.node)) return SUCCESS;
    return unresolvable(NODE_AFFINITY, ERR_REASON_POD);
  },
} satisfies FilterPlugin;
