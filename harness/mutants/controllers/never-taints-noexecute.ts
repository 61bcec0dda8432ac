import type { Mutant } from '../mutant.ts';
import { rewriteUpdates } from '../client-wrappers.ts';
import { controllerWith } from '../reference-controller-with.ts';
import { nodeLifecycleController } from '../../../reference/controllers/node-lifecycle.ts';

export const mutant: Mutant = {
  bug: 'the node controller marks a silent node Unknown but never taints it NoExecute, so its pods are never evicted',
  swap: 'controller:node-lifecycle-controller',
  tags: '@component:node-lifecycle-controller or @component:taint-eviction-controller',
};

type Taint = { effect?: string };
export default controllerWith(nodeLifecycleController, {
  client: (c) => rewriteUpdates(c, (resource, o) => {
    if (resource !== 'nodes') return o;
    const spec = o.spec as { taints?: Taint[] } | undefined;
    return spec?.taints ? { ...o, spec: { ...spec, taints: spec.taints.filter((t) => t.effect !== 'NoExecute') } } : o;
  }),
});
