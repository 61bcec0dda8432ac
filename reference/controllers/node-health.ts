/**
 * What the node lifecycle controller remembers about each node and how one
 * check updates it (tryUpdateNodeHealth in pkg/controller/nodelifecycle):
 * the probe timestamp moves to "now" whenever the controller sees the Ready
 * heartbeat or the Lease's renewTime move forward; a node whose probe is
 * older than the grace period gets its Ready, MemoryPressure, DiskPressure
 * and PIDPressure conditions set to Unknown.
 */
import type { Condition } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';
import { readyCondition } from './node-taints.ts';

export interface NodeHealth {
  /** The Ready condition as last seen. */
  ready: Condition | undefined;
  /** Controller time (ms) when a heartbeat or Lease renewal was last seen. */
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  leaseRenewTime: number | undefined;
}

export interface HealthInput {
  node: Node;
  /** Lease renewTime in ms since the epoch, when the node has a Lease. */
  leaseRenewTime: number | undefined;
  saved: NodeHealth | undefined;
  /** Controller time, ms since the clock's start, and the same instant as metav1.Time. */
  now: number;
  nowTimestamp: string;
  /** metav1.Time -> the controller's ms. */
  toMs(timestamp: string): number;
  gracePeriodMs: number;
  startupGracePeriodMs: number;
}

export interface HealthResult {
  health: NodeHealth;
  /** The Ready condition as the node carried it when the check began. */
  observedReady: Condition;
  /** The Ready condition after the check (undefined if the node never posted one and it is still early). */
  currentReady: Condition | undefined;
  /** The conditions to write with UpdateStatus, when the check changed the Ready condition. */
  conditions?: Condition[];
}

const WATCHED = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

export function checkNodeHealth(input: HealthInput): HealthResult {
  const { node, now, saved } = input;
  const created = node.metadata.creationTimestamp ?? input.nowTimestamp;
  const current = readyCondition(node);
  let health = saved;
  let observedReady: Condition;
  let grace: number;
  if (!current) {
    // Never posted: judge it from its creation, with the startup grace.
    observedReady = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: created, lastTransitionTime: created };
    grace = input.startupGracePeriodMs;
    health = health ? { ...health, ready: undefined } : { ready: undefined, probeTimestamp: input.toMs(created), readyTransitionTimestamp: input.toMs(created), leaseRenewTime: undefined };
  } else {
    observedReady = { ...current };
    grace = input.gracePeriodMs;
    if (!health || !health.ready) {
      health = { ready: current, probeTimestamp: now, readyTransitionTimestamp: now, leaseRenewTime: health?.leaseRenewTime };
    } else if (health.ready.lastHeartbeatTime !== current.lastHeartbeatTime) {
      const transitioned = health.ready.lastTransitionTime !== current.lastTransitionTime;
      health = { ready: current, probeTimestamp: now, readyTransitionTimestamp: transitioned ? now : health.readyTransitionTimestamp, leaseRenewTime: health.leaseRenewTime };
    }
  }
  // Always move the probe when the Lease was renewed.
  if (input.leaseRenewTime !== undefined && (health.leaseRenewTime === undefined || health.leaseRenewTime < input.leaseRenewTime)) {
    health = { ...health, leaseRenewTime: input.leaseRenewTime, probeTimestamp: now };
  }
  if (!(now > health.probeTimestamp + grace)) return { health, observedReady, currentReady: current };

  const conditions = (node.status?.conditions ?? []).map((c) => ({ ...c }));
  for (const type of WATCHED) {
    const c = conditions.find((x) => x.type === type);
    if (!c) {
      conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: created, lastTransitionTime: input.nowTimestamp });
    } else if (c.status !== 'Unknown') {
      Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: input.nowTimestamp });
    }
  }
  const currentReady = conditions.find((c) => c.type === 'Ready');
  if (JSON.stringify(currentReady) === JSON.stringify(current)) return { health, observedReady, currentReady };
  return {
    health: { ...health, ready: currentReady, readyTransitionTimestamp: now },
    observedReady,
    currentReady,
    conditions,
  };
}
