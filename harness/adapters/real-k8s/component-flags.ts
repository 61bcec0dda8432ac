/**
 * The command lines of the real control plane, from the cluster settings:
 * which setting becomes which flag of etcd, kube-apiserver,
 * kube-controller-manager and kube-scheduler. Pure, so the mapping can be
 * read and tested without starting anything.
 *
 * Settings the harness's own kubelets honour (status and Lease periods,
 * back-off, pod ranges) are not flags here: they reach the simulated nodes.
 */
import type { ClusterSettings } from '../../../spec/settings.ts';

/** The settings the control-plane processes are started with; a change to any of them means a restart. */
export const CONTROL_PLANE_SETTINGS = [
  'nodeMonitorPeriodMs',
  'nodeMonitorGracePeriodMs',
  'nodeStartupGracePeriodMs',
  'defaultTolerationSeconds',
  'nodeEvictionRate',
  'secondaryNodeEvictionRate',
  'unhealthyZoneThreshold',
  'largeClusterSizeThreshold',
  'schedulerProfile',
  'percentageOfNodesToScore',
  'serviceCIDR',
  'anonymousAuth',
  'etcdCompactionIntervalMs',
] as const satisfies ReadonlyArray<keyof ClusterSettings>;

export type ControlPlaneSettings = Pick<ClusterSettings, (typeof CONTROL_PLANE_SETTINGS)[number]>;

/** Files one control plane is started from (all inside its working folder). */
export interface ControlPlaneFiles {
  caCert: string;
  servingCert: string;
  servingKey: string;
  serviceAccountKey: string;
  serviceAccountPublicKey: string;
  tokenFile: string;
  controllerManagerKubeconfig: string;
  schedulerKubeconfig: string;
  schedulerConfig: string;
  etcdData: string;
  /** kube-controller-manager creates its flex-volume folder if missing; kept out of /usr/libexec. */
  flexVolumeDir: string;
}

/** Free loopback ports, one per listener. */
export interface ControlPlanePorts {
  etcdClient: number;
  etcdPeer: number;
  apiserver: number;
  controllerManager: number;
  scheduler: number;
}

/** A Go duration flag value; Go's time.ParseDuration reads "5000ms". */
const goDuration = (ms: number) => `${ms}ms`;

const LOOPBACK = '127.0.0.1';

export function etcdArgs(files: ControlPlaneFiles, ports: ControlPlanePorts): string[] {
  const client = `http://${LOOPBACK}:${ports.etcdClient}`;
  const peer = `http://${LOOPBACK}:${ports.etcdPeer}`;
  return [
    '--name=kubespec',
    `--data-dir=${files.etcdData}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=kubespec=${peer}`,
    '--log-level=warn',
  ];
}

/** Where the api-server says it is, for the `kubernetes` Service: the reference's own control-plane address. */
export const ADVERTISE_ADDRESS = '192.168.0.2';

export function apiServerArgs(s: ControlPlaneSettings, files: ControlPlaneFiles, ports: ControlPlanePorts): string[] {
  return [
    `--etcd-servers=http://${LOOPBACK}:${ports.etcdClient}`,
    `--etcd-compaction-interval=${goDuration(s.etcdCompactionIntervalMs)}`,
    `--bind-address=${LOOPBACK}`,
    `--secure-port=${ports.apiserver}`,
    // The `kubernetes` Service's endpoints may not be a loopback address (Endpoints validation refuses
    // 127.0.0.0/8), so the api-server advertises the control-plane node's address of the reference
    // (192.168.0.2): nothing routes to it, but its default endpoint reconciler writes the Service's
    // Endpoints and EndpointSlice as on any cluster.
    `--advertise-address=${ADVERTISE_ADDRESS}`,
    `--tls-cert-file=${files.servingCert}`,
    `--tls-private-key-file=${files.servingKey}`,
    `--client-ca-file=${files.caCert}`,
    `--token-auth-file=${files.tokenFile}`,
    `--anonymous-auth=${s.anonymousAuth}`,
    '--authorization-mode=Node,RBAC',
    '--enable-admission-plugins=NodeRestriction,DefaultTolerationSeconds',
    `--default-not-ready-toleration-seconds=${s.defaultTolerationSeconds}`,
    `--default-unreachable-toleration-seconds=${s.defaultTolerationSeconds}`,
    `--service-cluster-ip-range=${s.serviceCIDR}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${files.serviceAccountPublicKey}`,
    `--service-account-signing-key-file=${files.serviceAccountKey}`,
  ];
}

export function controllerManagerArgs(s: ControlPlaneSettings, files: ControlPlaneFiles, ports: ControlPlanePorts): string[] {
  return [
    `--kubeconfig=${files.controllerManagerKubeconfig}`,
    '--leader-elect=false',
    // One identity for every controller, system:kube-controller-manager, as the note says (C8);
    // kubeadm turns this on and each controller then acts as its own service account.
    '--use-service-account-credentials=false',
    `--bind-address=${LOOPBACK}`,
    `--secure-port=${ports.controllerManager}`,
    `--tls-cert-file=${files.servingCert}`,
    `--tls-private-key-file=${files.servingKey}`,
    `--root-ca-file=${files.caCert}`,
    `--flex-volume-plugin-dir=${files.flexVolumeDir}`,
    `--service-cluster-ip-range=${s.serviceCIDR}`,
    `--node-monitor-period=${goDuration(s.nodeMonitorPeriodMs)}`,
    `--node-monitor-grace-period=${goDuration(s.nodeMonitorGracePeriodMs)}`,
    `--node-startup-grace-period=${goDuration(s.nodeStartupGracePeriodMs)}`,
    `--node-eviction-rate=${s.nodeEvictionRate}`,
    `--secondary-node-eviction-rate=${s.secondaryNodeEvictionRate}`,
    `--unhealthy-zone-threshold=${s.unhealthyZoneThreshold}`,
    `--large-cluster-size-threshold=${s.largeClusterSizeThreshold}`,
  ];
}

export function schedulerArgs(files: ControlPlaneFiles, ports: ControlPlanePorts): string[] {
  return [
    `--config=${files.schedulerConfig}`,
    `--bind-address=${LOOPBACK}`,
    `--secure-port=${ports.scheduler}`,
    `--tls-cert-file=${files.servingCert}`,
    `--tls-private-key-file=${files.servingKey}`,
  ];
}

/**
 * kube-scheduler's KubeSchedulerConfiguration. The note's profile ranks by
 * what is left only: every score plugin off but NodeResourcesFit with the
 * LeastAllocated strategy (cpu and memory, weight 1 each, as Kubernetes'
 * default resources). The `kubernetes` profile is kube-scheduler's default.
 * Filters are the default ones in both.
 */
export function schedulerConfiguration(s: ControlPlaneSettings, kubeconfig: string): object {
  const profile =
    s.schedulerProfile === 'note'
      ? {
          schedulerName: 'default-scheduler',
          plugins: { score: { disabled: [{ name: '*' }], enabled: [{ name: 'NodeResourcesFit', weight: 1 }] } },
          pluginConfig: [
            {
              name: 'NodeResourcesFit',
              args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } },
            },
          ],
        }
      : { schedulerName: 'default-scheduler' };
  return {
    apiVersion: 'kubescheduler.config.k8s.io/v1',
    kind: 'KubeSchedulerConfiguration',
    // scheduler_perf's client settings (test/integration/scheduler_perf/util.go): the default 50 requests/s would
    // time client-go's rate limiter, not the scheduler, once a scenario or the bench binds more than 50 pods a second.
    clientConnection: { kubeconfig, qps: 5000, burst: 5000 },
    leaderElection: { leaderElect: false },
    // 0 asks for the adaptive share, as the setting means.
    ...(s.percentageOfNodesToScore > 0 ? { percentageOfNodesToScore: s.percentageOfNodesToScore } : {}),
    profiles: [profile],
  };
}

/** The part of the settings the processes depend on, in a fixed order: equal keys mean the running control plane fits. */
export function controlPlaneSettings(settings: ClusterSettings): ControlPlaneSettings {
  return Object.fromEntries(CONTROL_PLANE_SETTINGS.map((k) => [k, settings[k]])) as ControlPlaneSettings;
}
