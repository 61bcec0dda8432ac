import type { Mutant } from '../mutant.ts';
import { rewriteReads } from '../client-wrappers.ts';
import { controllerWith } from '../reference-controller-with.ts';
import { endpointsController } from '../../../reference/controllers/endpoints.ts';

export const mutant: Mutant = {
  bug: "the endpoints controller matches pods on the first label of a Service's selector only, so it picks pods the Service does not select",
  swap: 'controller:endpoints-controller',
  tags: '@component:service or @component:kube-proxy',
};

export default controllerWith(endpointsController, {
  client: (c) => rewriteReads(c, (resource, o) => {
    const spec = o.spec as { selector?: Record<string, string> } | undefined;
    if (resource !== 'services' || !spec?.selector) return o;
    const [first] = Object.entries(spec.selector);
    return { ...o, spec: { ...spec, selector: first ? Object.fromEntries([first]) : {} } };
  }),
});
