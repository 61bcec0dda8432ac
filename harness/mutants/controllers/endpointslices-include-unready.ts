import type { Mutant } from '../mutant.ts';
import { rewriteReads } from '../client-wrappers.ts';
import { controllerWith } from '../reference-controller-with.ts';
import { endpointSliceController } from '../../../reference/controllers/endpointslice.ts';

export const mutant: Mutant = {
  bug: 'the EndpointSlice controller takes every pod with an IP as ready, so kube-proxy sends traffic to pods that are not ready',
  swap: 'controller:endpointslice-controller',
  tags: '@component:service or @component:kube-proxy',
};

type Condition = { type: string; status: string };
export default controllerWith(endpointSliceController, {
  client: (c) => rewriteReads(c, (resource, o) => {
    const status = o.status as { conditions?: Condition[] } | undefined;
    if (resource !== 'pods' || !status?.conditions) return o;
    return { ...o, status: { ...status, conditions: status.conditions.map((x) => (x.type === 'Ready' ? { ...x, status: 'True' } : x)) } };
  }),
});
