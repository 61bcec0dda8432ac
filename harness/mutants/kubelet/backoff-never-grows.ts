import type { Mutant } from '../mutant.ts';
import { Kubelet } from '../../../reference/kubelet/kubelet.ts';
import { referenceWith } from '../wrap-reference.ts';

export const mutant: Mutant = {
  bug: 'the kubelet retries a failing pull or a crashing container every 10 s forever: its back-off never doubles',
  swap: 'adapter',
  tags: '@component:kubelet',
};

export default referenceWith('mutant', { kubelet: (config, deps) => new Kubelet({ ...config, backOffMaxMs: config.backOffInitialMs }, deps) });
