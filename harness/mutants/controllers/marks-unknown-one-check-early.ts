import type { Mutant } from '../mutant.ts';
import { controllerWith } from '../reference-controller-with.ts';
import { nodeLifecycleController } from '../../../reference/controllers/node-lifecycle.ts';

export const mutant: Mutant = {
  bug: 'the node controller compares the silence with >= one check too soon: a node is marked Unknown before the grace period has passed',
  swap: 'controller:node-lifecycle-controller',
  tags: '@component:node-lifecycle-controller',
};

export default controllerWith(nodeLifecycleController, { settings: (s) => ({ nodeMonitorGracePeriodMs: s.nodeMonitorGracePeriodMs - s.nodeMonitorPeriodMs }) });
