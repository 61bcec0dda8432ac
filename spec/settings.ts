/**
 * Every timing and policy the scenarios depend on, with the note's defaults
 * (SEED.md C4-C6) and Kubernetes' names. An adapter is asked for these and
 * answers with what it really runs (a real cluster cannot change them all).
 */
export interface ClusterSettings {
  /** --node-monitor-period: how often the node controller checks nodes (C4). @default 5000 */
  nodeMonitorPeriodMs: number;
  /** --node-monitor-grace-period: silence before a node is marked Unknown (C5). @default 40000 (Kubernetes >= 1.32: 50000) */
  nodeMonitorGracePeriodMs: number;
  /** --node-startup-grace-period: silence allowed to a node that never reported. @default 60000 */
  nodeStartupGracePeriodMs: number;
  /** DefaultTolerationSeconds admission: how long pods stay on an unreachable node (C6). @default 300 */
  defaultTolerationSeconds: number;
  /** kubelet --node-status-update-frequency. @default 10000 */
  nodeStatusUpdatePeriodMs: number;
  /** kubelet node Lease duration. @default 40 */
  nodeLeaseDurationSeconds: number;
  /** kubelet Lease renew interval. @default 10000 */
  nodeLeaseRenewPeriodMs: number;
  /** --node-eviction-rate: nodes per second per zone that get the NoExecute taint while the zone is healthy (token bucket, burst 1). @default 0.1 */
  nodeEvictionRate: number;
  /** --secondary-node-eviction-rate: the rate in a partially disrupted zone larger than largeClusterSizeThreshold (0 below it). @default 0.01 */
  secondaryNodeEvictionRate: number;
  /** --unhealthy-zone-threshold: share of not-Ready nodes (with more than 2) that makes a zone partially disrupted. @default 0.55 */
  unhealthyZoneThreshold: number;
  /** --large-cluster-size-threshold: zones with more nodes than this keep the secondary rate when partially disrupted. @default 50 */
  largeClusterSizeThreshold: number;
  /** kubelet back-off for image pulls and crashed containers: first delay, doubled each time. @default 10000 */
  containerBackOffInitialMs: number;
  /** kubelet MaxContainerBackOff: the back-off never grows past this. @default 300000 */
  containerBackOffMaxMs: number;
  /** Scoring profile: 'note' ranks by what is left (LeastAllocated only); 'kubernetes' adds BalancedAllocation. @default 'note' */
  schedulerProfile: 'note' | 'kubernetes';
  /** The scheduler records each decision (filter verdicts, scores, chosen node) on the pod as an annotation. @default false */
  schedulerExplain: boolean;
  /** kube-scheduler percentageOfNodesToScore: share of nodes to find feasible before scoring; 0 = adaptive (50 - nodes/125 %, at least 5 %). @default 0 */
  percentageOfNodesToScore: number;
  /** kube-controller-manager --max-endpoints-per-slice: the most endpoints the EndpointSlice controller puts in one slice. @default 100 */
  maxEndpointsPerSlice: number;
  /** The range Service cluster IPs come from. @default '10.96.0.0/12' */
  serviceCIDR: string;
  /** Pod CIDRs are carved per node out of this range. @default '10.244.0.0/16' */
  clusterCIDR: string;
  /**
   * kube-apiserver --anonymous-auth. Kubernetes' default is true: a request
   * without a token is `system:anonymous` and RBAC answers 403. The
   * reference runs with false, so such a request is refused with 401.
   * @default false
   */
  anonymousAuth: boolean;
  /** kube-apiserver --etcd-compaction-interval: history older than about one interval is compacted away (0 = never). @default 300000 */
  etcdCompactionIntervalMs: number;
  /** Seed for every random choice (tie-breaks, dataplane draws). @default 1 */
  seed: number;
}

export const NOTE_DEFAULTS: Readonly<ClusterSettings> = Object.freeze({
  nodeMonitorPeriodMs: 5_000,
  nodeMonitorGracePeriodMs: 40_000,
  nodeStartupGracePeriodMs: 60_000,
  defaultTolerationSeconds: 300,
  nodeStatusUpdatePeriodMs: 10_000,
  nodeLeaseDurationSeconds: 40,
  nodeLeaseRenewPeriodMs: 10_000,
  nodeEvictionRate: 0.1,
  secondaryNodeEvictionRate: 0.01,
  unhealthyZoneThreshold: 0.55,
  largeClusterSizeThreshold: 50,
  containerBackOffInitialMs: 10_000,
  containerBackOffMaxMs: 300_000,
  schedulerProfile: 'note',
  schedulerExplain: false,
  percentageOfNodesToScore: 0,
  maxEndpointsPerSlice: 100,
  serviceCIDR: '10.96.0.0/12',
  clusterCIDR: '10.244.0.0/16',
  anonymousAuth: false,
  etcdCompactionIntervalMs: 300_000,
  seed: 1,
});

/** A user the cluster knows, with the bearer token that proves it (static token file). */
export interface UserAccount {
  name: string;
  token: string;
  groups?: string[];
}

export interface ClusterConfig {
  settings?: Partial<ClusterSettings>;
  /** Control-plane nodes, each with its own api-server and etcd member (stacked etcd, E3). @default 1 */
  controlPlaneNodes?: number;
  /** Users besides the built-in admin; the reference writes them to its static token file. */
  users?: UserAccount[];
}

export function resolveSettings(requested: Partial<ClusterSettings> = {}): ClusterSettings {
  return { ...NOTE_DEFAULTS, ...requested };
}

/**
 * How a cluster reached over HTTP publishes the settings it really runs
 * with, so the suite phrases its waits in them: the ConfigMap
 * kube-system/kubespec-settings, whose `settings.json` holds a JSON object
 * of ClusterSettings entries (any left out keep NOTE_DEFAULTS). `kubespec
 * serve` writes it; for another cluster, write it yourself with the
 * values its components run with (a real cluster publishes its own config
 * the same way, e.g. kubeadm's kube-system/kubeadm-config):
 *
 *   kubectl -n kube-system create configmap kubespec-settings \
 *     --from-literal=settings.json='{"nodeMonitorPeriodMs":5000,"nodeMonitorGracePeriodMs":50000}'
 */
export const SETTINGS_CONFIGMAP = { namespace: 'kube-system', name: 'kubespec-settings', key: 'settings.json' } as const;
