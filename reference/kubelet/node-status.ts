/** The Node a kubelet registers and the conditions it reports on every heartbeat, in the kubelet's words. */
import { createHash } from 'node:crypto';
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

/** The port a kubelet serves on (--port), which it reports in status.daemonEndpoints. */
export const KUBELET_PORT = 10250;

/** Hex digits derived from the node's name and a purpose: stable for a node, different between nodes. */
const digest = (nodeName: string, purpose: string) => createHash('sha256').update(`${purpose}:${nodeName}`).digest('hex');
const asUuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;

/**
 * status.nodeInfo as a kubelet fills it from the machine (/etc/machine-id,
 * the DMI product UUID, /proc/sys/kernel/random/boot_id, uname, os-release)
 * and its runtime. kubeProxyVersion is deprecated and left empty by kubelets
 * since v1.31, but it is still a required field, so it is sent as "".
 */
export function systemInfo(nodeName: string) {
  return {
    machineID: digest(nodeName, 'machine-id').slice(0, 32),
    systemUUID: asUuid(digest(nodeName, 'system-uuid')),
    bootID: asUuid(digest(nodeName, 'boot-id')),
    kernelVersion: '6.1.0-kubespec-amd64',
    osImage: 'kubespec simulated node',
    containerRuntimeVersion: 'simulated://1.0',
    kubeletVersion: 'v1.32.0-kubespec',
    kubeProxyVersion: '',
    operatingSystem: 'linux',
    architecture: 'amd64',
  };
}

export function nodeObject(config: KubeletConfig, now: string): Node {
  // What the kubelet finds on the machine: the resources it was given, local disk, no huge pages.
  const resources = { cpu: config.cpu, 'ephemeral-storage': '100Gi', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: config.memory, pods: String(config.pods) };
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
      daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
      nodeInfo: systemInfo(config.nodeName),
    },
  };
}
