/**
 * Records a node-lifecycle timeline from the API, as any client could:
 * watches on nodes, node Leases, pods and events. The scenarios' report
 * runs one on an ApiClient; the live page feeds it the events of its own
 * watch stream (observe).
 */
import type { ApiClient, WatchEvent, WatchHandle } from '../../../spec/adapter.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { Node } from '../../../spec/objects/node.ts';
import type { Pod } from '../../../spec/objects/pod.ts';
import type { Mark, MarkKind, Timeline } from './timeline.ts';

export const RECORDED = ['nodes', 'leases', 'pods', 'events'] as const;
export type RecordedResource = (typeof RECORDED)[number];

const readyOf = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready');
const shortKey = (key: string) => key.replace(/^node\.kubernetes\.io\//, '');

export class TimelineRecorder {
  private readonly marks: Mark[] = [];
  private readonly nodes = new Map<string, Node & KubeObject>();
  private readonly renewals = new Map<string, string>();
  private readonly pods = new Map<string, Pod & KubeObject>();
  private handles: WatchHandle[] = [];
  readonly from: number;

  constructor(
    private readonly now: () => number,
    private readonly settings: { nodeMonitorPeriodMs: number; nodeMonitorGracePeriodMs: number },
  ) {
    this.from = now();
  }

  /** Watches the four kinds through `client` until stop(). */
  async start(client: ApiClient): Promise<void> {
    this.handles = [
      await client.watch('nodes', {}, (e) => this.observe('nodes', e)),
      await client.watch('leases', { namespace: 'kube-node-lease' }, (e) => this.observe('leases', e)),
      await client.watch('pods', {}, (e) => this.observe('pods', e)),
      await client.watch('events', {}, (e) => this.observe('events', e)),
    ];
  }

  stop(): void {
    this.handles.forEach((h) => h.stop());
    this.handles = [];
  }

  /** One watch event of one of the recorded kinds; the first sight of an object is the baseline, not a change. */
  observe(resource: RecordedResource, e: WatchEvent): void {
    if (e.type === 'BOOKMARK' || e.type === 'ERROR') return;
    if (resource === 'nodes') this.node(e.object as Node & KubeObject, e.type);
    else if (resource === 'leases') this.lease(e.object);
    else if (resource === 'pods') this.pod(e.object as Pod & KubeObject, e.type);
    else this.event(e.object);
  }

  snapshot(): Timeline {
    return {
      from: this.from,
      to: this.now(),
      periodMs: this.settings.nodeMonitorPeriodMs,
      graceMs: this.settings.nodeMonitorGracePeriodMs,
      nodes: [...this.nodes.keys()].sort(),
      marks: [...this.marks],
    };
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
