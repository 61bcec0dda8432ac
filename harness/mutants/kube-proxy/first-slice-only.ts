import type { Mutant } from '../mutant.ts';
import type { ComponentFactory, KubeProxyContext } from '../../../spec/components.ts';
import { referenceKubeProxy } from '../../../reference/proxy/kube-proxy.ts';
import { rewriteReads } from '../client-wrappers.ts';

export const mutant: Mutant = {
  bug: "kube-proxy takes a Service's endpoints from the first EndpointSlice it sees and ignores the others",
  swap: 'kube-proxy',
  tags: '@component:kube-proxy or @component:service',
};

/** Every slice of a Service but the first one seen reads as empty. */
const firstOnly: ComponentFactory<KubeProxyContext> = (ctx) => {
  const first = new Map<string, string>();
  return referenceKubeProxy({
    ...ctx,
    client: rewriteReads(ctx.client, (resource, o) => {
      const service = `${o.metadata.namespace}/${o.metadata.labels?.['kubernetes.io/service-name']}`;
      if (resource !== 'endpointslices') return o;
      if (!first.has(service)) first.set(service, o.metadata.name ?? '');
      return first.get(service) === o.metadata.name ? o : { ...o, endpoints: [] };
    }),
  });
};
export default firstOnly;
