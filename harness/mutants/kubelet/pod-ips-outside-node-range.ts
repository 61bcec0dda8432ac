import type { Mutant } from '../mutant.ts';
import { Kubelet } from '../../../reference/kubelet/kubelet.ts';
import { referenceWith } from '../wrap-reference.ts';

export const mutant: Mutant = {
  bug: "every kubelet hands out pod IPs from the same range instead of its own node's podCIDR, so pods on different nodes collide",
  swap: 'adapter',
  tags: '@component:kubelet or @component:kube-proxy',
};

export default referenceWith('mutant', { kubelet: (config, deps) => new Kubelet({ ...config, podCIDR: '10.244.0.0/24' }, deps) });
