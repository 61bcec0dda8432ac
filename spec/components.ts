/**
 * The contract of one swappable component: what a user's scheduler,
 * controller or kube-proxy gets from the cluster it is plugged into, and
 * what it must offer back. A swapped-in component is in the same position
 * as the real one: it holds an API client with its component's identity
 * (`system:kube-scheduler`, `system:kube-controller-manager`,
 * `system:kube-proxy`) and nothing else of the cluster; it talks to the
 * api-server only, and reads time only from the clock it is given, so that
 * the reference's virtual clock can run its 5-minute timeouts in
 * milliseconds.
 *
 * A component module's default export (or its `component` export) is a
 * factory: `(context) => Component`.
 */
import type { ApiClient } from './adapter.ts';
import type { ClusterSettings } from './settings.ts';

/** The cluster's clock. Use it for every timer: the reference runs it virtually. */
export interface ComponentClock {
  /** Milliseconds since the cluster started. */
  now(): number;
  /** metav1.Time of now: RFC 3339, whole seconds (e.g. for lastTransitionTime). */
  timestamp(): string;
  /** metav1.MicroTime of now (e.g. for a Lease's renewTime or an Event's eventTime). */
  microTimestamp(): string;
  /** Calls `fn` once after `ms`; returns a function that cancels it. */
  after(ms: number, fn: () => unknown): () => void;
  /** Calls `fn` every `ms`, first after `ms`; returns a function that cancels it. */
  every(ms: number, fn: () => unknown): () => void;
}

/**
 * Work in flight, counted so the cluster knows when it has settled. API
 * calls and watch deliveries are counted for you; wrap any other
 * asynchronous work of your own (a queue you drain with setImmediate, say)
 * in `run` or `spawn`, or the cluster may settle before it is done.
 */
export interface ComponentWork {
  run<T>(work: () => T | Promise<T>): Promise<T>;
  spawn(work: () => unknown): void;
}

/** Seeded randomness: the same seed gives the same run. */
export interface ComponentRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  uuid(): string;
}

export interface ComponentContext {
  /** An API client acting as the component's own identity. */
  client: ApiClient;
  clock: ComponentClock;
  random: ComponentRandom;
  work: ComponentWork;
  /** The cluster's effective settings (spec/settings.ts): periods, grace periods, profile... */
  settings: ClusterSettings;
}

/** A running component. `start` resolves once it has listed what it watches and is ready. */
export interface Component {
  readonly name?: string;
  start(): Promise<void>;
  stop(): void;
}

export type ComponentFactory<C extends ComponentContext = ComponentContext> = (context: C) => Component;

/**
 * kube-proxy runs once per node. Instead of a kernel it gets
 * `iptablesRestore`, which takes what kube-proxy gives `iptables-restore`
 * (spec/proxy-rules.md): the node's dataplane then routes packets by those
 * rules, and the last payload without `noflush` is what the cluster shows as
 * the node's rules.
 */
export interface KubeProxyContext extends ComponentContext {
  nodeName: string;
  nodeIP: string;
  /** --cluster-cidr: traffic from outside it to a cluster IP is masqueraded. */
  clusterCIDR: string;
  /** Loads rules as `iptables-restore [--noflush]` would; throws on a payload iptables would refuse. */
  iptablesRestore(payload: string, options?: { noflush?: boolean }): void;
}

/** Which component a swap replaces. Controllers are named as kube-controller-manager's --controllers flag names them. */
export type ComponentSwaps = {
  scheduler?: ComponentFactory;
  controllers?: Record<string, ComponentFactory>;
  kubeProxy?: ComponentFactory<KubeProxyContext>;
};
