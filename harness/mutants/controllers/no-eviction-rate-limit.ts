import type { Mutant } from '../mutant.ts';
import { controllerWith } from '../reference-controller-with.ts';
import { nodeLifecycleController } from '../../../reference/controllers/node-lifecycle.ts';

export const mutant: Mutant = {
  bug: 'the node controller taints every silent node at once, without the per-zone eviction rate limit',
  swap: 'controller:node-lifecycle-controller',
  tags: '@component:node-lifecycle-controller',
};

export default controllerWith(nodeLifecycleController, { settings: () => ({ nodeEvictionRate: 1000, secondaryNodeEvictionRate: 1000 }) });
