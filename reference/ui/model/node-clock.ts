/**
 * The node controller's clock for one node, as a client can reconstruct
 * it: when the node was last heard from (its Lease renewal or its Ready
 * heartbeat), when the grace period runs out, when the controller marked
 * it Unknown, its taints, and each pod's
 * eviction countdown, against the effective settings the cluster
 * publishes. Drawn with the same timeline picture as the report.
 *
 * A client cannot see the checks themselves: the controller starts the
 * grace period at the first check that saw the last renewal (its probe
 * timestamp) and marks the node at the first check after it, so the mark
 * comes up to two periods after "last heard + grace". Once it has come,
 * the checks' rhythm is known (that mark was one).
 */
import type { Lease } from '../../../spec/objects/lease.ts';
import type { Node, Taint } from '../../../spec/objects/node.ts';
import type { Pod } from '../../../spec/objects/pod.ts';
import type { ClusterSettings } from '../../../spec/settings.ts';
import type { Timeline } from '../timeline/timeline.ts';
import { formatSeconds } from '../timeline/timeline.ts';
import { evictionCountdowns, type Countdown } from './evictions.ts';

export type ClockSettings = Pick<ClusterSettings, 'nodeMonitorPeriodMs' | 'nodeMonitorGracePeriodMs' | 'nodeLeaseRenewPeriodMs' | 'defaultTolerationSeconds'>;

export interface NodeClock {
  lastHeardAt: number | undefined;
  graceEndsAt: number | undefined;
  /** When the Ready condition turned Unknown, as seen. */
  markedAt: number | undefined;
  countdowns: Countdown[];
  timeline: Timeline;
}

const parse = (t: string | undefined) => (t ? Date.parse(t) : NaN);
const ready = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready');
const shortTaint = (t: Taint) => `${t.key.replace(/^node\.kubernetes\.io\//, '')}:${t.effect}`;

/** The latest of the Lease renewal and the Ready heartbeat: the last time the node's kubelet was heard. */
export function lastHeard(node: Node, lease: Lease | undefined): number | undefined {
  const times = [parse(lease?.spec?.renewTime), parse(ready(node)?.lastHeartbeatTime)].filter(Number.isFinite);
  return times.length ? Math.max(...times) : undefined;
}

/** Silent: not heard for longer than two renew periods (at least 2 s), or already marked or tainted unreachable. */
export function isSilent(node: Node, lease: Lease | undefined, settings: ClockSettings, now: number): boolean {
  const heard = lastHeard(node, lease);
  const quiet = heard !== undefined && now - heard > Math.max(2 * settings.nodeLeaseRenewPeriodMs, 2000);
  return quiet || ready(node)?.status === 'Unknown' || (node.spec?.taints ?? []).some((t) => t.key === 'node.kubernetes.io/unreachable');
}

export interface NodeClockInput {
  node: Node;
  lease: Lease | undefined;
  pods: readonly Pod[];
  settings: ClockSettings;
  now: number;
  /** What the page recorded for this and other nodes since it started (from the shared recorder). */
  recorded: Timeline;
}

export function nodeClock({ node, lease, pods, settings, now, recorded }: NodeClockInput): NodeClock {
  const name = node.metadata.name ?? '';
  const own = recorded.marks.filter((m) => m.node === name);
  const heard = lastHeard(node, lease);
  const graceEndsAt = heard === undefined ? undefined : heard + settings.nodeMonitorGracePeriodMs;
  const condition = ready(node);
  // What this page saw, or else what the objects say (second-precision times) when it opened afterwards.
  const seenMarked = [...own].reverse().find((m) => m.kind === 'ready' && m.label === 'Ready=Unknown')?.at;
  const markedAt = seenMarked ?? (condition?.status === 'Unknown' ? parse(condition.lastTransitionTime) || undefined : undefined);
  const seenTaint = (t: Taint) => [...own].reverse().find((m) => m.kind === 'taint' && m.label === shortTaint(t))?.at;
  const countdowns = evictionCountdowns(node, pods, (t) => seenTaint(t) ?? (parse(t.timeAdded) || now));

  const marks = [...own];
  if (markedAt !== undefined && seenMarked === undefined) marks.push({ at: markedAt, node: name, kind: 'ready', label: 'Ready=Unknown' });
  for (const t of node.spec?.taints ?? []) {
    if (seenTaint(t) === undefined && t.timeAdded) marks.push({ at: parse(t.timeAdded), node: name, kind: 'taint', label: shortTaint(t) });
  }
  const spans: NonNullable<Timeline['spans']> = [];
  if (heard !== undefined && graceEndsAt !== undefined && isSilent(node, lease, settings, now)) {
    marks.push({ at: heard, node: name, kind: 'event', label: 'last heard' });
    spans.push({ node: name, from: heard, to: graceEndsAt, kind: 'grace', label: `grace ${formatSeconds(settings.nodeMonitorGracePeriodMs)}` });
    if (markedAt === undefined) marks.push({ at: graceEndsAt, node: name, kind: 'due', label: 'grace over: Unknown within 2 checks' });
  }
  const tolerations = new Map<number, Countdown>();
  for (const c of countdowns) if (c.dueAt !== undefined && !tolerations.has(c.dueAt)) tolerations.set(c.dueAt, c);
  for (const c of tolerations.values()) spans.push({ node: name, from: c.startedAt, to: c.dueAt!, kind: 'toleration', label: `toleration ${formatSeconds(c.tolerationMs!)}` });
  for (const c of countdowns) if (c.dueAt !== undefined && !c.marked) marks.push({ at: c.dueAt, node: name, kind: 'due', label: `evict ${c.pod}` });

  const ends = [now, ...marks.map((m) => m.at), ...spans.map((s) => s.to)];
  const starts = [heard ?? now, ...spans.map((s) => s.from)];
  const lead = Math.max(2 * settings.nodeMonitorPeriodMs, settings.nodeMonitorGracePeriodMs / 4);
  // From a little before the node was last heard, even if this page opened later: what it did not see, the objects tell.
  const from = Math.min(...starts) - lead;
  const to = Math.max(...ends) + lead / 2;
  return {
    lastHeardAt: heard,
    graceEndsAt,
    markedAt,
    countdowns,
    timeline: {
      from,
      to,
      periodMs: settings.nodeMonitorPeriodMs,
      graceMs: settings.nodeMonitorGracePeriodMs,
      nodes: [name],
      marks: marks.filter((m) => m.at >= from),
      spans,
      now,
      checkedAt: markedAt ?? null,
    },
  };
}
