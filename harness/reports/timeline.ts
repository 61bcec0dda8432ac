/**
 * A node-lifecycle scenario as one picture: heartbeats, Lease renewals, the
 * node controller's checks, Ready changes, taints, evictions and pods
 * placed, on one time axis, so a reader of the HTML report sees the note's
 * 5 s / 40 s / 5 min story. Everything is recorded from the API (watches on
 * nodes, leases, pods and events), as any client could; the checks are
 * drawn from the cluster's node-monitor period.
 */
import type { ApiClient, WatchHandle } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import type { ClusterSettings } from '../../spec/settings.ts';

export type MarkKind = 'heartbeat' | 'lease' | 'ready' | 'taint' | 'untaint' | 'evicted' | 'gone' | 'placed' | 'event';
export interface Mark {
  at: number;
  node: string;
  kind: MarkKind;
  label: string;
}
export interface Timeline {
  from: number;
  to: number;
  periodMs: number;
  graceMs: number;
  nodes: string[];
  marks: Mark[];
}

const readyOf = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready');
const shortKey = (key: string) => key.replace(/^node\.kubernetes\.io\//, '');

export class TimelineRecorder {
  private readonly marks: Mark[] = [];
  private readonly nodes = new Map<string, Node & KubeObject>();
  private readonly renewals = new Map<string, string>();
  private readonly pods = new Map<string, Pod & KubeObject>();
  private handles: WatchHandle[] = [];
  private readonly from: number;

  constructor(
    private readonly client: ApiClient,
    private readonly now: () => number,
    private readonly settings: ClusterSettings,
  ) {
    this.from = now();
  }

  async start(): Promise<void> {
    this.handles = [
      await this.client.watch<Node & KubeObject>('nodes', {}, (e) => this.node(e.object, e.type)),
      await this.client.watch('leases', { namespace: 'kube-node-lease' }, (e) => this.lease(e.object)),
      await this.client.watch<Pod & KubeObject>('pods', {}, (e) => this.pod(e.object, e.type)),
      await this.client.watch('events', {}, (e) => this.event(e.object)),
    ];
  }

  stop(): void {
    this.handles.forEach((h) => h.stop());
    this.handles = [];
  }

  snapshot(): Timeline {
    return { from: this.from, to: this.now(), periodMs: this.settings.nodeMonitorPeriodMs, graceMs: this.settings.nodeMonitorGracePeriodMs, nodes: [...this.nodes.keys()].sort(), marks: [...this.marks] };
  }

  private mark(node: string, kind: MarkKind, label: string): void {
    this.marks.push({ at: this.now(), node, kind, label });
  }

  private node(n: Node & KubeObject, type: string): void {
    const name = n.metadata.name ?? '';
    const old = this.nodes.get(name);
    if (type === 'DELETED') return;
    this.nodes.set(name, n);
    if (!old) return; // the state when recording starts is the baseline
    const [was, is] = [readyOf(old), readyOf(n)];
    if (is?.lastHeartbeatTime !== was?.lastHeartbeatTime) this.mark(name, 'heartbeat', 'status');
    if (is?.status !== was?.status) this.mark(name, 'ready', `Ready=${is?.status ?? '?'}`);
    const key = (t: { key: string; effect: string }) => `${shortKey(t.key)}:${t.effect}`;
    const before = new Set((old.spec?.taints ?? []).map(key));
    const after = new Set((n.spec?.taints ?? []).map(key));
    for (const t of after) if (!before.has(t)) this.mark(name, 'taint', t);
    for (const t of before) if (!after.has(t)) this.mark(name, 'untaint', t);
  }

  private lease(l: KubeObject): void {
    const name = l.metadata.name ?? '';
    const renew = (l.spec as { renewTime?: string } | undefined)?.renewTime ?? '';
    const old = this.renewals.get(name);
    this.renewals.set(name, renew);
    if (old !== undefined && old !== renew) this.mark(name, 'lease', 'lease');
  }

  private pod(p: Pod & KubeObject, type: string): void {
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    const old = this.pods.get(key);
    const node = p.spec.nodeName ?? '';
    if (type === 'DELETED') {
      this.pods.delete(key);
      if (node) this.mark(node, 'gone', p.metadata.name ?? '');
      return;
    }
    this.pods.set(key, p);
    if (node && !old?.spec.nodeName) this.mark(node, 'placed', p.metadata.name ?? '');
    if (p.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp && old) this.mark(node, 'evicted', p.metadata.name ?? '');
  }

  private event(e: KubeObject): void {
    const involved = e.involvedObject as { kind?: string; name?: string } | undefined;
    const reason = String(e.reason ?? '');
    if (reason === 'NodeNotReady' && involved?.kind === 'Node') this.mark(involved.name ?? '', 'event', 'NodeNotReady');
  }
}

const COLORS: Record<MarkKind, string> = {
  heartbeat: '#2b8a3e', lease: '#74b816', ready: '#1971c2', taint: '#e67700', untaint: '#868e96', evicted: '#c92a2a', gone: '#495057', placed: '#5f3dc4', event: '#1971c2',
};
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The SVG: one lane per node plus a lane of controller checks; seconds since recording began on the x axis. */
export function renderTimeline(t: Timeline): string {
  const width = 1100;
  const left = 110;
  const laneH = 74;
  const span = Math.max(t.to - t.from, 1000);
  const x = (at: number) => left + ((at - t.from) / span) * (width - left - 20);
  const height = 60 + laneH * (t.nodes.length + 1);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="10">`,
    `<text x="8" y="16" font-size="12" font-weight="bold">node lifecycle: checks every ${t.periodMs / 1000} s, grace ${t.graceMs / 1000} s</text>`,
  ];
  // Axis with a tick every 30 s (every 60 s on long runs).
  const tick = span > 600_000 ? 60_000 : 30_000;
  const axisY = height - 18;
  out.push(`<line x1="${left}" y1="${axisY}" x2="${width - 20}" y2="${axisY}" stroke="#333"/>`);
  for (let s = 0; s <= span; s += tick) out.push(`<text x="${x(t.from + s)}" y="${axisY + 12}" text-anchor="middle">${s / 1000} s</text>`);
  // Lane 0: the node controller's checks.
  out.push(`<text x="8" y="46">controller checks</text>`);
  for (let at = Math.ceil(t.from / t.periodMs) * t.periodMs; at <= t.to; at += t.periodMs) out.push(`<line x1="${x(at)}" y1="36" x2="${x(at)}" y2="48" stroke="#adb5bd"/>`);
  t.nodes.forEach((node, i) => {
    const y = 30 + laneH * (i + 1);
    out.push(`<text x="8" y="${y + 16}" font-weight="bold">${esc(node)}</text>`, `<line x1="${left}" y1="${y + 30}" x2="${width - 20}" y2="${y + 30}" stroke="#dee2e6"/>`);
    const marks = t.marks.filter((m) => m.node === node);
    let labelRow = 0;
    for (const m of marks) {
      const mx = x(m.at);
      const c = COLORS[m.kind];
      const seconds = ((m.at - t.from) / 1000).toFixed(0);
      if (m.kind === 'heartbeat' || m.kind === 'lease') {
        out.push(`<line x1="${mx}" y1="${y + (m.kind === 'heartbeat' ? 22 : 30)}" x2="${mx}" y2="${y + (m.kind === 'heartbeat' ? 30 : 38)}" stroke="${c}" stroke-width="2"><title>${m.kind} at ${seconds} s</title></line>`);
        continue;
      }
      const ly = y + 48 + (labelRow++ % 3) * 10;
      const shape = m.kind === 'evicted' || m.kind === 'gone' ? `<path d="M${mx - 4},${y + 26} l8,8 m0,-8 l-8,8" stroke="${c}" stroke-width="2"/>` : `<circle cx="${mx}" cy="${y + 30}" r="4" fill="${c}"/>`;
      out.push(`${shape}<text x="${mx + 5}" y="${ly}" fill="${c}">${esc(`${seconds} s ${m.kind === 'evicted' ? 'evicted ' : m.kind === 'placed' ? 'placed ' : m.kind === 'untaint' ? '- ' : m.kind === 'taint' ? '+ ' : ''}${m.label}`)}</text>`);
    }
  });
  out.push(`<text x="${left}" y="${height - 2}" fill="#666">green ticks: status heartbeats (upper) and Lease renewals (lower); + taint added, - taint removed; x: pod marked for deletion or gone</text>`);
  out.push('</svg>');
  return out.join('\n');
}
