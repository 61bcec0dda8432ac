/**
 * NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable): a
 * cordoned node (`spec.unschedulable: true`) gets no new pods, unless the pod
 * tolerates the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import type { FilterPlugin } from '../framework/plugin.ts';
import { SUCCESS, unresolvable } from '../framework/status.ts';
import { tolerated } from './toleration.ts';

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' } as const;

export const nodeUnschedulable = {
  name: NODE_UNSCHEDULABLE,
  filter(pod, node) {
    if (!node.unschedulable || tolerated(pod.tolerations, UNSCHEDULABLE_TAINT)) return SUCCESS;
    return unresolvable(NODE_UNSCHEDULABLE, ERR_REASON_UNSCHEDULABLE);
  },
} satisfies FilterPlugin;
