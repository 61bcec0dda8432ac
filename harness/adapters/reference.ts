/** The built-in reference control plane as an adapter: everything in process, on a virtual clock. */
import type { Adapter, Capability } from '../../spec/adapter.ts';
import { ReferenceCluster } from '../../reference/cluster.ts';

export const referenceAdapter: Adapter = {
  name: 'reference',
  capabilities: new Set<Capability>(['virtual-time', 'settings', 'store-audit', 'node-simulation', 'kubelet', 'runtime-faults', 'scheduler-explain', 'store-faults', 'proxy-rules', 'dataplane']),
  start: (config) => new ReferenceCluster(config).start(),
};

export default referenceAdapter;
