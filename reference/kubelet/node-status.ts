/** The Node a kubelet registers and the conditions it reports on every heartbeat, in the kubelet's words. */
import type { Condition } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';
import type { KubeletConfig } from './kubelet.ts';

/** Healthy node conditions: type, reason and message as the kubelet sets them. */
const HEALTHY: ReadonlyArray<[type: string, status: 'True' | 'False', reason: string, message: string]> = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
];

/** Fresh heartbeats on every condition; a transition time moves only when the status changes. */
export function readyConditions(previous: Condition[] | undefined, now: string): Condition[] {
  return HEALTHY.map(([type, status, reason, message]) => {
    const old = previous?.find((c) => c.type === type);
    const transitioned = !old || old.status !== status;
    return { type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: transitioned ? now : (old.lastTransitionTime ?? now) };
  });
}

export function nodeObject(config: KubeletConfig, now: string): Node {
  const resources = { cpu: config.cpu, memory: config.memory, pods: String(config.pods) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: config.nodeName,
      labels: {
        'kubernetes.io/hostname': config.nodeName,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        ...config.labels,
      },
    },
    spec: { podCIDR: config.podCIDR, podCIDRs: [config.podCIDR] },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: readyConditions(undefined, now),
      addresses: [
        { type: 'InternalIP', address: config.nodeIP },
        { type: 'Hostname', address: config.nodeName },
      ],
      nodeInfo: { kubeletVersion: 'v1.32.0-kubespec', containerRuntimeVersion: 'simulated://1.0', operatingSystem: 'linux', architecture: 'amd64' },
    },
  };
}
