import type { Mutant } from '../mutant.ts';
import { rewriteReads } from '../client-wrappers.ts';
import { controllerWith } from '../reference-controller-with.ts';
import { taintEvictionController } from '../../../reference/controllers/taint-eviction.ts';

export const mutant: Mutant = {
  bug: 'taint eviction reads tolerationSeconds as milliseconds: pods go almost at once instead of after their toleration',
  swap: 'controller:taint-eviction-controller',
  tags: '@component:taint-eviction-controller',
};

type Toleration = { tolerationSeconds?: number };
export default controllerWith(taintEvictionController, {
  client: (c) => rewriteReads(c, (resource, o) => {
    const spec = o.spec as { tolerations?: Toleration[] } | undefined;
    if (resource !== 'pods' || !spec?.tolerations) return o;
    return { ...o, spec: { ...spec, tolerations: spec.tolerations.map((t) => (t.tolerationSeconds === undefined ? t : { ...t, tolerationSeconds: Math.floor(t.tolerationSeconds / 1000) })) } };
  }),
});
