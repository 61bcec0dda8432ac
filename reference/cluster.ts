/**
 * Wires one reference control plane from a config: the store (held only by
 * the api-server), the api-server, the scheduler, and one kubelet per node,
 * each component with its own identity and its own client. This file and
 * the api-server are the only places that may touch the store.
 */
import type { ApiClient, ClusterUnderTest, Credentials, NodeControl, NodeRequest, Observations, StoreControl } from '../spec/adapter.ts';
import type { Component, ComponentContext, ComponentSwaps } from '../spec/components.ts';
import { resolveSettings, type ClusterConfig, type ClusterSettings } from '../spec/settings.ts';
import type { ApiServer } from './apiserver/apiserver.ts';
import { TokenAuthenticator, type UserInfo } from './apiserver/authentication/authentication.ts';
import { inProcessClient } from './apiserver/in-process-client.ts';
import { createKubeApiServer, DEFAULT_SECURE_PORT, type KubeApiServerOptions } from './apiserver/kube-apiserver.ts';
import { cidrHost } from './api/cidr.ts';
import { RealClock, VirtualClock, type Clock } from './runtime/clock.ts';
import { Kubelet, type KubeletConfig, type KubeletDeps } from './kubelet/kubelet.ts';
import { kubeletConfig, nodeIP } from './kubelet/kubelet-config.ts';
import { SimulatedRuntime } from './kubelet/runtime.ts';
import { seededRandom, type Random } from './runtime/random.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { KUBE_PROXY, NodeProxies } from './proxy/node-proxies.ts';
import { grantExplainAccess } from './scheduler/explain-access.ts';
import { servedResources } from './apiserver/http/discovery.ts';
import { controllersWith } from './controllers/all-controllers.ts';
import { CONTROLLER_MANAGER_USER, ControllerManager } from './controllers/controller-manager.ts';
import { StoreAccessLog } from './store/audited-store.ts';
import { MemoryStore } from './store/memory-store.ts';
import type { Store } from './store/port.ts';
import { withFaults, type StoreFaults } from './store/fault-injection.ts';
import { WorkTracker } from './runtime/work-tracker.ts';

export const ADMIN: UserInfo = { name: 'kubernetes-admin', groups: ['system:masters'] };
export const SCHEDULER_USER: UserInfo = { name: 'system:kube-scheduler', groups: [] };
export const CONTROLLER_MANAGER: UserInfo = { name: CONTROLLER_MANAGER_USER, groups: [] };
export const nodeUser = (node: string): UserInfo => ({ name: `system:node:${node}`, groups: ['system:nodes'] });

export interface ReferenceOptions {
  /** 'virtual' (default) for scenarios, 'real' for `kubespec serve`. */
  clock?: 'virtual' | 'real';
  /** The store, or how to make one that counts its in-flight work on the cluster's tracker (etcd). @default a MemoryStore */
  store?: Store | ((work: WorkTracker) => Store);
  /** Components to run in place of the reference's own (spec/components.ts). @default none */
  swaps?: ComponentSwaps;
  /**
   * How a node's kubelet is made. Not part of the public contract (a kubelet
   * needs the simulated runtime): the seam the seeded wrong kubelets of
   * harness/mutants/ use. @default the reference kubelet
   */
  kubelet?: (config: KubeletConfig, deps: KubeletDeps) => Kubelet;
  /** The api-server's --request-timeout in ms (`kubespec serve`); absent: no deadline. */
  requestTimeoutMs?: number;
  /**
   * Where the first api-server says it is (--advertise-address,
   * --secure-port), for the `kubernetes` Service's endpoints: `kubespec
   * serve` gives the address and port it listens on. @default 192.168.0.2:6443,
   * and the next address for each api-server added after it
   */
  apiserverEndpoint?: { address: string; port: number };
}

export class ReferenceCluster implements ClusterUnderTest {
  readonly settings: ClusterSettings;
  readonly work = new WorkTracker();
  readonly clock: Clock & { advance?(ms: number): Promise<void> };
  readonly random: Random;
  readonly accessLog: StoreAccessLog;
  readonly apiserver: ApiServer;
  readonly nodes: NodeControl;
  readonly observe: Observations;
  private readonly store: Store & StoreFaults;
  /** Makes the store refuse commits ('store-faults'), for E2's scenarios. */
  readonly storeFaults: StoreControl;
  private readonly stopApiServer: () => void;
  private readonly authenticator: TokenAuthenticator;
  private readonly tokens = new Map<string, string>(); // user name -> token
  private readonly kubelets = new Map<string, Kubelet>();
  private readonly runtimes = new Map<string, SimulatedRuntime>();
  private readonly proxies: NodeProxies;
  private readonly failedImages: string[] = [];
  private readonly crashingImages: Array<[image: string, exitCode: number]> = [];
  private scheduler: Component | undefined;
  private readonly swaps: ComponentSwaps;
  private readonly makeKubelet: (config: KubeletConfig, deps: KubeletDeps) => Kubelet;
  controllerManager: ControllerManager | undefined;
  private readonly extraApiServerStops: Array<() => void> = [];
  private readonly requestTimeoutMs: number | undefined;
  private readonly apiserverEndpoint: { address: string; port: number } | undefined;
  private apiServerCount = 0;

  constructor(config: ClusterConfig = {}, options: ReferenceOptions = {}) {
    this.settings = resolveSettings(config.settings);
    this.swaps = options.swaps ?? {};
    this.makeKubelet = options.kubelet ?? ((config, deps) => new Kubelet(config, deps));
    this.apiserverEndpoint = options.apiserverEndpoint;
    this.random = seededRandom(this.settings.seed);
    this.clock = options.clock === 'real' ? new RealClock(this.work) : new VirtualClock(this.work);
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.store = withFaults(typeof options.store === 'function' ? options.store(this.work) : (options.store ?? new MemoryStore()));
    this.storeFaults = { failNextCommits: (count) => this.store.failNextCommits(count) };
    this.accessLog = new StoreAccessLog(() => this.clock.now());
    this.authenticator = new TokenAuthenticator(new Map(), this.settings.anonymousAuth);
    this.issueToken(ADMIN);
    for (const u of config.users ?? []) this.issueToken({ name: u.name, groups: u.groups ?? [] }, u.token);
    // Authorization Node,RBAC with the bootstrap policy, and the default admission plugins (reference/apiserver/kube-apiserver.ts).
    const kubeApiServer = createKubeApiServer(this.apiServerOptions(this.store));
    this.apiserver = kubeApiServer.apiserver;
    this.stopApiServer = kubeApiServer.stop;
    this.nodes = {
      add: (node) => this.addNode(node),
      silence: async (name) => this.kubelet(name).silence(),
      resume: async (name) => {
        await this.kubelet(name).resume();
        await this.settle();
      },
      failImagePull: (image) => {
        this.failedImages.push(image);
        for (const rt of this.runtimes.values()) rt.failPull(image);
      },
      crashContainer: (image, exitCode) => {
        this.crashingImages.push([image, exitCode]);
        for (const rt of this.runtimes.values()) rt.crash(image, exitCode);
      },
    };
    this.proxies = new NodeProxies({
      context: () => this.componentContext(KUBE_PROXY),
      clusterCIDR: this.settings.clusterCIDR,
      ...(this.swaps.kubeProxy ? { kubeProxy: this.swaps.kubeProxy } : {}),
    });
    this.observe = {
      storeLog: () => this.accessLog.entries,
      unexpectedErrors: () => this.work.errors,
      proxyRules: (node) => this.proxies.rules(node),
      route: (node, packet) => this.proxies.route(node, packet),
    };
  }

  /** Starts the api-server (which creates the system namespaces and the `kubernetes` Service), then the control-plane components. */
  async start(): Promise<this> {
    await this.apiserver.start();
    const admin = this.client();
    if (this.settings.schedulerExplain) await grantExplainAccess(admin, SCHEDULER_USER.name);
    const schedulerContext = this.componentContext(SCHEDULER_USER);
    this.scheduler = this.swaps.scheduler ? this.swaps.scheduler(schedulerContext) : new Scheduler(schedulerContext);
    await this.scheduler.start();
    // kube-controller-manager learns what the api-server serves from its discovery documents.
    const discoverResources = async () => servedResources();
    this.controllerManager = new ControllerManager({ ...this.componentContext(CONTROLLER_MANAGER), discoverResources }, controllersWith(this.swaps.controllers));
    await this.controllerManager.start();
    await this.settle();
    return this;
  }

  client(as?: Credentials): ApiClient {
    return this.clientOf(this.apiserver, as);
  }

  /** A client of one api-server of this control plane, acting as `as` (the admin by default). */
  clientOf(apiserver: ApiServer, as: Credentials = { user: ADMIN.name }): ApiClient {
    if ('token' in as) return inProcessClient(apiserver, { token: as.token });
    if ('anonymous' in as) return inProcessClient(apiserver, {});
    const token = this.tokens.get(as.user);
    if (token) return inProcessClient(apiserver, { token });
    // Anyone else is impersonated by the admin, as a harness would with a real cluster.
    return inProcessClient(apiserver, { token: this.tokens.get(ADMIN.name)!, impersonateUser: as.user, impersonateGroups: as.groups ?? [] });
  }

  /** Starts another api-server of this control plane on its own store: a stacked control-plane node (E3). */
  async addApiServer(store: Store): Promise<ApiServer> {
    const { apiserver, stop } = createKubeApiServer(this.apiServerOptions(store));
    this.extraApiServerStops.push(stop);
    await apiserver.start();
    return apiserver;
  }

  /** Every api-server of this control plane is configured alike; only its store and its address differ. */
  private apiServerOptions(store: Store): KubeApiServerOptions {
    const index = this.apiServerCount++;
    const first = index === 0 ? this.apiserverEndpoint : undefined;
    return {
      advertiseAddress: first?.address ?? cidrHost('192.168.0.0/16', 2 + index),
      securePort: first?.port ?? DEFAULT_SECURE_PORT,
      store,
      accessLog: this.accessLog,
      authenticator: this.authenticator,
      clock: this.clock,
      random: this.random,
      work: this.work,
      defaultTolerationSeconds: this.settings.defaultTolerationSeconds,
      serviceCIDR: this.settings.serviceCIDR,
      compactionIntervalMs: this.settings.etcdCompactionIntervalMs,
      ...(this.requestTimeoutMs ? { requestTimeoutMs: this.requestTimeoutMs } : {}),
    };
  }


  /** The token a user authenticates with (for kubeconfigs and tests). */
  tokenFor(user: string): string | undefined {
    return this.tokens.get(user);
  }

  async settle(): Promise<void> {
    await this.work.idle();
  }

  async stop(): Promise<void> {
    this.scheduler?.stop();
    this.controllerManager?.stop();
    for (const k of this.kubelets.values()) k.stop();
    this.proxies.stop();
    this.stopApiServer();
    for (const stop of this.extraApiServerStops) stop();
    await this.settle();
    await this.store.close();
  }

  /** What a component gets: a client with its own identity, and the cluster's clock, randomness, work count and settings. */
  private componentContext(user: UserInfo): ComponentContext & { work: WorkTracker; clock: Clock; random: Random } {
    return { client: this.componentClient(user), clock: this.clock, random: this.random, work: this.work, settings: this.settings };
  }

  private componentClient(user: UserInfo): ApiClient {
    return inProcessClient(this.apiserver, { token: this.tokens.get(user.name) ?? this.issueToken(user) });
  }

  private issueToken(user: UserInfo, token = this.random.uuid()): string {
    this.authenticator.addToken(token, user);
    this.tokens.set(user.name, token);
    return token;
  }

  private kubelet(name: string): Kubelet {
    const k = this.kubelets.get(name);
    if (!k) throw new Error(`Expected a node added with nodes.add, got unknown node "${name}"`);
    return k;
  }

  private async addNode(req: NodeRequest): Promise<void> {
    if (this.kubelets.has(req.name)) throw new Error(`node "${req.name}" was already added`);
    const index = this.kubelets.size;
    const runtime = new SimulatedRuntime(req.name);
    for (const image of this.failedImages) runtime.failPull(image);
    for (const [image, code] of this.crashingImages) runtime.crash(image, code);
    const kubelet = this.makeKubelet(
      kubeletConfig(req, this.settings, index),
      { client: this.componentClient(nodeUser(req.name)), clock: this.clock, work: this.work, runtime },
    );
    this.kubelets.set(req.name, kubelet);
    this.runtimes.set(req.name, runtime);
    await kubelet.start();
    await this.proxies.add(req.name, nodeIP(index));
    await this.settle();
  }
}
