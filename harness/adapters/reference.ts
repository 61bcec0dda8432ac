/** The built-in reference control plane as an adapter: everything in process, on a virtual clock. */
import type { Adapter, Capability } from '../../spec/adapter.ts';
import type { ComponentSwaps } from '../../spec/components.ts';
import { ReferenceCluster } from '../../reference/cluster.ts';
import { stackedEtcdAvailable, startStackedCluster } from '../../reference/stacked-control-plane.ts';

const CAPABILITIES: readonly Capability[] = [
  'virtual-time', 'settings', 'store-audit', 'store-faults', 'node-simulation', 'kubelet', 'runtime-faults', 'scheduler-explain', 'proxy-rules', 'dataplane',
];

export const referenceAdapter: Adapter = {
  name: 'reference',
  capabilities: new Set<Capability>([
    ...CAPABILITIES,
    // Real etcd members are started only where Debian's etcd-server is installed.
    ...(stackedEtcdAvailable() ? (['stacked-etcd'] as const) : []),
  ]),
  start: (config) =>
    (config.controlPlaneNodes ?? 1) > 1 ? startStackedCluster(config, config.controlPlaneNodes!) : new ReferenceCluster(config).start(),
};

/**
 * The reference with some components replaced by a user's own. Its
 * capabilities are the reference's, less what only the reference's own
 * component offers: the explanation annotation is the reference scheduler's.
 * The stacked control plane (E3) is about etcd, not components: not offered.
 */
export function referenceAdapterWith(swaps: ComponentSwaps, name: string): Adapter {
  const capabilities = new Set<Capability>(CAPABILITIES);
  if (swaps.scheduler) capabilities.delete('scheduler-explain');
  return { name, capabilities, start: (config) => new ReferenceCluster(config, { swaps }).start() };
}

export default referenceAdapter;
