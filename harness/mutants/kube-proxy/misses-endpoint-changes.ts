import type { Mutant } from '../mutant.ts';
import type { ComponentFactory, KubeProxyContext } from '../../../spec/components.ts';
import { referenceKubeProxy } from '../../../reference/proxy/kube-proxy.ts';
import { dropWatchEvents } from '../client-wrappers.ts';

export const mutant: Mutant = {
  bug: 'kube-proxy rewrites its rules when Services change but not when their EndpointSlices do: pods that come and go are not followed',
  swap: 'kube-proxy',
  tags: '@component:kube-proxy or @component:service',
};

const stale: ComponentFactory<KubeProxyContext> = (ctx) => referenceKubeProxy({ ...ctx, client: dropWatchEvents(ctx.client, 'endpointslices', () => true) });
export default stale;
