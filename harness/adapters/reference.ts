/** The built-in reference control plane as an adapter: everything in process, on a virtual clock. */
import type { Adapter, Capability } from '../../spec/adapter.ts';
import { ReferenceCluster } from '../../reference/cluster.ts';
import { stackedEtcdAvailable, startStackedCluster } from '../../reference/stacked-control-plane.ts';

export const referenceAdapter: Adapter = {
  name: 'reference',
  capabilities: new Set<Capability>([
    'virtual-time', 'settings', 'store-audit', 'store-faults', 'node-simulation', 'kubelet', 'runtime-faults', 'scheduler-explain', 'proxy-rules', 'dataplane',
    // Real etcd members are started only where Debian's etcd-server is installed.
    ...(stackedEtcdAvailable() ? (['stacked-etcd'] as const) : []),
  ]),
  start: (config) =>
    (config.controlPlaneNodes ?? 1) > 1 ? startStackedCluster(config, config.controlPlaneNodes!) : new ReferenceCluster(config).start(),
};

export default referenceAdapter;
