/**
 * A kubelet's configuration for the n-th node of a cluster: its capacity
 * from the node request (with defaults), its pod range carved out of the
 * cluster CIDR, its address, and the timings from the cluster's settings.
 */
import type { NodeRequest } from '../../spec/adapter.ts';
import type { ClusterSettings } from '../../spec/settings.ts';
import { cidrHost, subnet } from '../api/cidr.ts';
import type { KubeletConfig } from './kubelet.ts';

/** Node addresses are simulated: strings in a private range that no test ever sends traffic to. */
export function nodeIP(index: number): string {
  return cidrHost('192.168.0.0/16', index + 10);
}

export function kubeletConfig(req: NodeRequest, settings: ClusterSettings, index: number): KubeletConfig {
  return {
    nodeName: req.name,
    cpu: req.cpu ?? '4',
    memory: req.memory ?? '8Gi',
    pods: req.pods ?? 110,
    labels: req.labels ?? {},
    podCIDR: subnet(settings.clusterCIDR, 24, index),
    nodeIP: nodeIP(index),
    statusUpdatePeriodMs: settings.nodeStatusUpdatePeriodMs,
    leaseDurationSeconds: settings.nodeLeaseDurationSeconds,
    leaseRenewPeriodMs: settings.nodeLeaseRenewPeriodMs,
    backOffInitialMs: settings.containerBackOffInitialMs,
    backOffMaxMs: settings.containerBackOffMaxMs,
  };
}
