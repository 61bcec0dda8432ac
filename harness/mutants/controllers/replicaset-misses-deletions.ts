import type { Mutant } from '../mutant.ts';
import { dropWatchEvents } from '../client-wrappers.ts';
import { controllerWith } from '../reference-controller-with.ts';
import { replicaSetController } from '../../../reference/controllers/replicaset.ts';

export const mutant: Mutant = {
  bug: 'the ReplicaSet controller handles added and updated pods but not deleted ones, so a deleted pod is never replaced',
  swap: 'controller:replicaset',
  tags: '@component:controller-manager or @component:kube-controller-manager or @component:taint-eviction-controller',
};

export default controllerWith(replicaSetController, { client: (c) => dropWatchEvents(c, 'pods', (e) => e.type === 'DELETED') });
