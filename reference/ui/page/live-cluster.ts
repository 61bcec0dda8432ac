/**
 * What the page knows of the cluster, kept the way client-go's informers
 * keep it: list each kind through the REST API, then follow its watch from
 * the listed version (all kinds on one connection, /ui/api/watch), relist
 * a kind whose version expired (410), reconnect when the stream ends. A
 * kind the user may not read is remembered with the server's refusal. The
 * node-lifecycle kinds also feed the shared timeline recorder.
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { RECORDED, TimelineRecorder, type RecordedResource } from '../timeline/recorder.ts';
import { Api, ApiError } from './api.ts';

export const KINDS = {
  nodes: '/api/v1/nodes',
  pods: '/api/v1/pods',
  events: '/api/v1/events',
  leases: '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases',
  services: '/api/v1/services',
  endpoints: '/api/v1/endpoints',
  replicasets: '/apis/apps/v1/replicasets',
  configmaps: '/api/v1/namespaces/kube-system/configmaps?fieldSelector=metadata.name%3Dkubespec-settings',
} as const;
export type Kind = keyof typeof KINDS;
const ALL = Object.keys(KINDS) as Kind[];

export const keyOf = (o: KubeObject) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : (o.metadata.name ?? ''));

interface WatchLine {
  resource: Kind;
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject & { code?: number; message?: string };
}

export type Connection = 'connecting' | 'live' | 'reconnecting';

export class LiveCluster {
  readonly objects = Object.fromEntries(ALL.map((k) => [k, new Map<string, KubeObject>()])) as Record<Kind, Map<string, KubeObject>>;
  /** Kinds the user may not read, with the server's message. */
  readonly refused = new Map<Kind, string>();
  connection: Connection = 'connecting';
  /** When this page first saw things happen through the watch (ms on the cluster's clock), finer than the API's whole seconds. */
  private readonly firstSeen = new Map<string, number>();
  private readonly versions = new Map<Kind, string>();
  private readonly abort = new AbortController();

  constructor(
    private readonly api: Api,
    private readonly now: () => number,
    readonly recorder: TimelineRecorder,
    /** Called after every change, with the kind that changed (none: possibly all of them). */
    private readonly changed: (kind?: Kind) => void,
    /** Called when the server no longer accepts the token (401). */
    private readonly signedOut: (message: string) => void,
  ) {}

  list<T extends KubeObject>(kind: Kind): T[] {
    return [...this.objects[kind].values()] as T[];
  }

  get<T extends KubeObject>(kind: Kind, key: string): T | undefined {
    return this.objects[kind].get(key) as T | undefined;
  }

  /** When the watch first showed an event (`events`, its key) or a pod's step (`pods`, its key, 'created' | 'bound' | 'reported'). */
  seen(kind: 'events' | 'pods', key: string, step = ''): number | undefined {
    return this.firstSeen.get(`${kind}/${key}/${step}`);
  }

  async start(): Promise<void> {
    await Promise.all(ALL.map((k) => this.relist(k)));
    this.changed();
    void this.follow();
  }

  stop(): void {
    this.abort.abort();
  }

  private async relist(kind: Kind): Promise<void> {
    try {
      const list = await this.api.get<{ metadata: { resourceVersion?: string }; items: KubeObject[] }>(KINDS[kind]);
      const map = this.objects[kind];
      map.clear();
      for (const item of list.items) {
        map.set(keyOf(item), item);
        this.record(kind, 'ADDED', item);
      }
      this.versions.set(kind, list.metadata.resourceVersion ?? '');
      this.refused.delete(kind);
    } catch (e) {
      if (e instanceof ApiError && e.code === 401) return this.signedOut(e.message);
      if (e instanceof ApiError && e.code === 403) this.refused.set(kind, e.message);
      else throw e;
    }
  }

  /** Follows the watch stream for as long as the page lives, reconnecting after a pause when it ends. */
  private async follow(): Promise<void> {
    let pause = 0;
    while (!this.abort.signal.aborted) {
      const kinds = ALL.filter((k) => this.versions.has(k) && !this.refused.has(k));
      const expired = new Set<Kind>();
      const query = kinds.map((k) => `${k}=${encodeURIComponent(this.versions.get(k)!)}`).join('&');
      try {
        this.connection = pause ? 'reconnecting' : 'live';
        this.changed();
        await this.api.stream(`/ui/api/watch?${query}`, (line) => this.apply(line as WatchLine, expired), this.abort.signal);
        pause = 0;
      } catch (e) {
        if (this.abort.signal.aborted) return;
        if (e instanceof ApiError && e.code === 401) return this.signedOut(e.message);
        pause = Math.min(pause * 2 || 500, 5000);
        this.connection = 'reconnecting';
        this.changed();
        await new Promise((r) => setTimeout(r, pause));
      }
      for (const kind of expired) await this.relist(kind);
      if (expired.size) this.changed();
    }
  }

  private apply(line: WatchLine, expired: Set<Kind>): void {
    const { resource: kind, type, object } = line;
    if (!(kind in KINDS)) return;
    if (type === 'ERROR') {
      if (object.code === 403) this.refused.set(kind, object.message ?? 'forbidden');
      else expired.add(kind); // 410 Expired, or the watch ended: list again, then watch from there
      return;
    }
    if (object.metadata?.resourceVersion) this.versions.set(kind, object.metadata.resourceVersion);
    if (type === 'BOOKMARK') return;
    const map = this.objects[kind];
    if (type === 'DELETED') map.delete(keyOf(object));
    else map.set(keyOf(object), object);
    this.noteFirstSight(kind, type, object);
    this.record(kind, type, object);
    this.changed(kind);
  }

  private noteFirstSight(kind: Kind, type: WatchLine['type'], object: KubeObject): void {
    const mark = (step: string) => {
      const id = `${kind}/${keyOf(object)}/${step}`;
      if (!this.firstSeen.has(id)) this.firstSeen.set(id, this.now());
    };
    if (kind === 'events' && type === 'ADDED') mark('');
    if (kind !== 'pods' || type === 'DELETED') return;
    const pod = object as KubeObject & { spec?: { nodeName?: string }; status?: { containerStatuses?: unknown[] } };
    if (type === 'ADDED') mark('created');
    if (pod.spec?.nodeName) mark('bound');
    if (pod.status?.containerStatuses?.length) mark('reported');
  }

  private record(kind: Kind, type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject): void {
    if ((RECORDED as readonly string[]).includes(kind)) this.recorder.observe(kind as RecordedResource, { type, object });
  }
}
