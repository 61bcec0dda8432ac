import type { Mutant } from '../mutant.ts';
import type { ComponentFactory, KubeProxyContext } from '../../../spec/components.ts';
import { referenceKubeProxy } from '../../../reference/proxy/kube-proxy.ts';

export const mutant: Mutant = {
  bug: 'kube-proxy runs as one process on the first node rather than on every node, so other nodes have no rules',
  swap: 'kube-proxy',
  tags: '@component:kube-proxy',
};

let first: string | undefined;
const lonely: ComponentFactory<KubeProxyContext> = (ctx) => {
  first ??= ctx.nodeName;
  return ctx.nodeName === first ? referenceKubeProxy(ctx) : { start: async () => {}, stop: () => {} };
};
export default lonely;
