/**
 * The adapter contract: what any control plane implements to be checked by
 * the suite. The built-in reference is one adapter; a real API server over
 * HTTP is another; yours is a module path.
 */
import type { KubeList, KubeObject } from './objects/meta.ts';
import type { DeleteStatus } from './objects/status.ts';
import type { ClusterConfig, ClusterSettings } from './settings.ts';

/**
 * What an adapter can do. A scenario tagged with a capability the adapter
 * lacks is reported as skipped, never as passed.
 */
export const CAPABILITIES = {
  'virtual-time': 'the clock can be advanced; boundary checks ("still Ready at 39 s") need it',
  settings: 'the cluster honours the requested timings and policies',
  'store-audit': 'every store access is logged with the component that made it',
  'store-faults': 'the store can be made to refuse the next commits, as an etcd without quorum does',
  'stacked-etcd': 'several control-plane nodes, each with its own api-server and etcd member, whose members can be stopped and started',
  'node-simulation': 'nodes can be added, silenced and resumed on demand',
  kubelet: 'nodes run the implementation\'s own kubelet and container runtime',
  'runtime-faults': 'image pulls and containers can be made to fail',
  'proxy-rules': 'the iptables rules each node\'s kube-proxy wrote can be read',
  dataplane: 'a packet can be routed through a node\'s rules to see where it lands',
  'scheduler-explain': 'the scheduler records each node\'s filter verdict and scores',
} as const;
export type Capability = keyof typeof CAPABILITIES;

/** Who a client acts as. Configured users carry tokens; any other identity is impersonated by an admin. */
export type Credentials =
  | { user: string; groups?: string[] }
  | { token: string }
  | { anonymous: true };

export interface RequestOptions {
  namespace?: string;
  subresource?: string;
}
export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}
export interface WatchOptions extends ListOptions {
  allowWatchBookmarks?: boolean;
}
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
}
export interface WatchHandle {
  stop(): void;
}
/** JSON merge patch, strategic merge patch, or JSON patch (RFC 6902, a list of operations). */
export type PatchType = 'merge' | 'strategic' | 'json';

/** A Kubernetes API client. Every non-2xx answer is thrown as a StatusError. Resources are plural names: 'pods', 'nodes', 'leases'. */
export interface ApiClient {
  get<T extends KubeObject = KubeObject>(resource: string, name: string, opts?: RequestOptions): Promise<T>;
  list<T extends KubeObject = KubeObject>(resource: string, opts?: ListOptions): Promise<KubeList<T>>;
  /** POST; with a subresource (binding) `name` says which object it belongs to. */
  create<T extends KubeObject = KubeObject>(resource: string, body: KubeObject, opts?: RequestOptions & { name?: string }): Promise<T>;
  update<T extends KubeObject = KubeObject>(resource: string, body: KubeObject, opts?: RequestOptions): Promise<T>;
  patch<T extends KubeObject = KubeObject>(resource: string, name: string, patch: unknown, opts?: RequestOptions & { type?: PatchType }): Promise<T>;
  /**
   * With gracePeriodSeconds 0 a pod is removed at once; otherwise a bound pod is marked (deletionTimestamp) for its kubelet to stop.
   * Answers the deleted object for the resources whose registry returns it (pods, services, namespaces, ...), a Status
   * Success for the others (configmaps, nodes, ...), and the object with its deletionTimestamp whenever it is only marked.
   */
  delete<T extends KubeObject = KubeObject>(resource: string, name: string, opts?: RequestOptions & { gracePeriodSeconds?: number }): Promise<T | DeleteStatus>;
  /** Streams events from opts.resourceVersion (or from now) until stopped; onClose reports a server-side end, such as 410 Expired. */
  watch<T extends KubeObject = KubeObject>(
    resource: string,
    opts: WatchOptions,
    onEvent: (event: WatchEvent<T>) => void | Promise<void>,
    onClose?: (error?: unknown) => void,
  ): Promise<WatchHandle>;
}

export interface NodeRequest {
  name: string;
  /** Allocatable CPU, e.g. '4' or '3500m'. @default '4' */
  cpu?: string;
  /** Allocatable memory, e.g. '8Gi'. @default '8Gi' */
  memory?: string;
  /** Allocatable pods. @default 110 */
  pods?: number;
  labels?: Record<string, string>;
}

export interface NodeControl {
  /** Registers the node and starts its kubelet; resolves once the node has reported Ready. */
  add(node: NodeRequest): Promise<void>;
  /** The node's kubelet stops posting status and renewing its Lease (its pods keep running). */
  silence(name: string): Promise<void>;
  /** The kubelet reports again. */
  resume(name: string): Promise<void>;
  /** Makes every later pull of `image` fail as a missing image does ('runtime-faults'). */
  failImagePull?(image: string): void;
  /** Makes containers of `image` exit with `exitCode` soon after they start ('runtime-faults'). */
  crashContainer?(image: string, exitCode: number): void;
}

export interface ClockControl {
  /** Milliseconds since the cluster started. */
  now(): number;
  /** Moves virtual time forward, firing due timers in order and settling after each ('virtual-time'). */
  advance?(ms: number): Promise<void>;
}

/** One access to the store, as the store saw it. */
export interface StoreAccess {
  seq: number;
  op: 'get' | 'range' | 'create' | 'update' | 'delete' | 'watch' | 'compact';
  key: string;
  /** The process that touched the store. Only ever 'kube-apiserver' in a faithful cluster (A3). */
  component: string;
  /** The authenticated user the api-server was serving. */
  onBehalfOf?: string;
  /** The store revision a write committed at. */
  revision?: number;
  /** Virtual or real milliseconds since start. */
  at: number;
}

export interface Packet {
  from: string; // source IP
  to: string; // destination IP
  port: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
}
export type RouteOutcome =
  | { verdict: 'rejected' }
  | { verdict: 'unchanged' }
  | { verdict: 'dnat'; destinations: Array<{ ip: string; port: number; probability: number }> };

export interface Observations {
  /** Errors a component hit that no request reported; a scenario fails when any appear. */
  unexpectedErrors?(): readonly unknown[];
  storeLog?(): readonly StoreAccess[];
  proxyRules?(node: string): string;
  route?(node: string, packet: Packet): RouteOutcome;
}

/** Faults of the store itself ('store-faults'). */
export interface StoreControl {
  /** The next `count` writes the store is asked to commit fail; reads keep working. */
  failNextCommits(count: number): void;
}

/** A stacked control plane ('stacked-etcd'): each control-plane node runs an api-server beside its own etcd member. */
export interface ControlPlaneControl {
  /** The control-plane nodes, e.g. ['cp-1', 'cp-2', 'cp-3']. */
  readonly members: readonly string[];
  /** A client of that node's api-server. */
  client(member: string, as?: Credentials): ApiClient;
  /** That node's etcd member dies at once, as in a machine failure. */
  stopMember(member: string): Promise<void>;
  /** The member starts again from its data and rejoins. */
  startMember(member: string): Promise<void>;
}

export interface ClusterUnderTest {
  /** What the cluster really runs; scenarios phrase waits in these terms. */
  readonly settings: ClusterSettings;
  /** A client acting as the given identity; with none, the cluster admin. */
  client(as?: Credentials): ApiClient;
  readonly nodes: NodeControl;
  readonly clock: ClockControl;
  /** Resolves when every component is idle: no queued work, no request or watch delivery in flight. */
  settle(): Promise<void>;
  readonly observe: Observations;
  /** Present with the 'stacked-etcd' capability, when the config asked for controlPlaneNodes > 1. */
  readonly controlPlane?: ControlPlaneControl;
  /** Present with the 'store-faults' capability. */
  readonly storeFaults?: StoreControl;
  stop(): Promise<void>;
}

/**
 * What each capability obliges a started cluster to offer (beyond what
 * every ClusterUnderTest has). Capabilities that are behaviours rather
 * than members (settings honoured, an own kubelet, the explanation
 * annotation) oblige nothing here; 'stacked-etcd' obliges `controlPlane`
 * only when the config asked for controlPlaneNodes > 1.
 */
export interface CapabilityMembers {
  'virtual-time': { clock: { advance(ms: number): Promise<void> } };
  settings: {};
  'store-audit': { observe: { storeLog(): readonly StoreAccess[] } };
  'store-faults': { storeFaults: StoreControl };
  'stacked-etcd': {};
  'node-simulation': {};
  kubelet: {};
  'runtime-faults': { nodes: { failImagePull(image: string): void; crashContainer(image: string, exitCode: number): void } };
  'proxy-rules': { observe: { proxyRules(node: string): string } };
  dataplane: { observe: { route(node: string, packet: Packet): RouteOutcome } };
  'scheduler-explain': {};
}

/** Which members of CapabilityMembers the runtime check looks for, by capability: `path.to.member`. */
export const CAPABILITY_MEMBERS: { readonly [C in Capability]: readonly string[] } = {
  'virtual-time': ['clock.advance'],
  settings: [],
  'store-audit': ['observe.storeLog'],
  'store-faults': ['storeFaults.failNextCommits'],
  'stacked-etcd': [],
  'node-simulation': ['nodes.add', 'nodes.silence', 'nodes.resume'],
  kubelet: [],
  'runtime-faults': ['nodes.failImagePull', 'nodes.crashContainer'],
  'proxy-rules': ['observe.proxyRules'],
  dataplane: ['observe.route'],
  'scheduler-explain': [],
};

type Intersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

/** A started cluster with the members its capabilities oblige it to have. */
export type ClusterWith<C extends Capability> = [Capability] extends [C] ? ClusterUnderTest : ClusterUnderTest & Intersection<CapabilityMembers[C]>;

/**
 * An adapter. Written as `Adapter<'virtual-time' | 'store-audit'>`, or
 * through defineAdapter, which infers the capabilities from the set, the
 * type checker refuses a `start` whose cluster lacks a member a declared
 * capability needs (`Adapter` alone is any adapter, as the harness sees it).
 */
export interface Adapter<C extends Capability = Capability> {
  readonly name: string;
  readonly capabilities: ReadonlySet<C>;
  start(config: ClusterConfig): Promise<ClusterWith<C>>;
}

/** Checks an adapter against its capabilities at compile time: `export default defineAdapter({ ... })`. */
export function defineAdapter<const C extends Capability = never>(adapter: Adapter<C>): Adapter<C> {
  return adapter;
}
