import type { Mutant } from '../mutant.ts';
import { Kubelet } from '../../../reference/kubelet/kubelet.ts';
import { referenceWith } from '../wrap-reference.ts';

export const mutant: Mutant = {
  bug: 'the kubelet creates its node Lease but never renews it, so only its status posts say it is alive',
  swap: 'adapter',
  tags: '@component:kubelet or @component:node-lifecycle-controller',
};

export default referenceWith('mutant', { kubelet: (config, deps) => new Kubelet({ ...config, leaseRenewPeriodMs: 24 * 3600_000 }, deps) });
