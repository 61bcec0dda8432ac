import type { Mutant } from '../mutant.ts';
import { rewriteReads } from '../client-wrappers.ts';
import { controllerWith } from '../reference-controller-with.ts';
import { taintEvictionController } from '../../../reference/controllers/taint-eviction.ts';

export const mutant: Mutant = {
  bug: 'taint eviction treats a toleration without tolerationSeconds as zero seconds: pods that tolerate the taint forever are evicted at once',
  swap: 'controller:taint-eviction-controller',
  tags: '@component:taint-eviction-controller',
};

type Toleration = { tolerationSeconds?: number; effect?: string };
export default controllerWith(taintEvictionController, {
  client: (c) => rewriteReads(c, (resource, o) => {
    const spec = o.spec as { tolerations?: Toleration[] } | undefined;
    if (resource !== 'pods' || !spec?.tolerations) return o;
    return { ...o, spec: { ...spec, tolerations: spec.tolerations.map((t) => (t.effect === 'NoExecute' && t.tolerationSeconds === undefined ? { ...t, tolerationSeconds: 0 } : t)) } };
  }),
});
