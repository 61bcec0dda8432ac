/**
 * The World: one cluster under test per scenario, reached only through the
 * adapter contract. Steps translate phrases into these calls and hold no
 * logic of their own.
 */
import { World, setWorldConstructor, type IWorldOptions } from '@cucumber/cucumber';
import { parse as parseYaml } from 'yaml';
import { CAPABILITIES, type Adapter, type ApiClient, type Capability, type ClusterUnderTest, type Credentials } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { StatusError, isStatusError } from '../../spec/objects/status.ts';
import type { ClusterConfig, UserAccount } from '../../spec/settings.ts';
import { loadAdapter } from '../adapters/load.ts';
import { clusterProblems } from '../adapters/contract-check.ts';
import type { TimelineRecorder } from '../reports/timeline.ts';
import { Scratchpad } from './scratchpad.ts';

let adapterOnce: Promise<Adapter> | undefined;
export const theAdapter = (): Promise<Adapter> => (adapterOnce ??= loadAdapter());

/** How long a real-clock adapter may take to show an expected state before a Then-step fails. */
const REAL_TIME_PATIENCE_MS = Number(process.env.KUBESPEC_PATIENCE_MS ?? 30_000);

export class KubespecWorld extends World {
  adapter!: Adapter;
  private started: ClusterUnderTest | undefined;
  readonly config: ClusterConfig & { users: UserAccount[] } = { users: [] };
  /** The last refusal a "tries to" step received, for the Then-steps to read. */
  lastError: StatusError | undefined;
  /** What steps noted for the steps after them. */
  readonly notes = new Scratchpad();
  /** The picture of a node-lifecycle scenario, recorded from the API. */
  timeline: TimelineRecorder | undefined;

  constructor(options: IWorldOptions) {
    super(options);
  }

  get cluster(): ClusterUnderTest {
    if (!this.started) throw new Error('No cluster yet: start the scenario with a "Given a cluster ..." step');
    return this.started;
  }

  get hasCluster(): boolean {
    return this.started !== undefined;
  }

  async startCluster(extra: ClusterConfig = {}): Promise<ClusterUnderTest> {
    if (this.started) return this.started;
    const config: ClusterConfig = { ...this.config, ...extra, settings: { ...this.config.settings, ...extra.settings } };
    const cluster = await this.adapter.start(config);
    const problems = clusterProblems(cluster);
    if (problems.length) throw new Error(`adapter "${this.adapter.name}": ${problems.join('; ')}`);
    this.started = cluster;
    return cluster;
  }

  async stopCluster(): Promise<void> {
    const c = this.started;
    this.started = undefined;
    await c?.stop();
  }

  /**
   * For steps whose very action needs a capability (adding or silencing a
   * node): true, with the reason logged, when the adapter lacks it, and the
   * step then returns 'skipped' so the scenario is skipped, never passed.
   */
  lacks(capability: Capability): boolean {
    if (this.adapter.capabilities.has(capability)) return false;
    this.log(`skipped: adapter "${this.adapter.name}" lacks ${capability} (${CAPABILITIES[capability]})`);
    return true;
  }

  /** A client acting as a configured user by name, or as the admin. */
  client(as?: string | Credentials): ApiClient {
    if (as === undefined) return this.cluster.client();
    if (typeof as !== 'string') return this.cluster.client(as);
    const account = this.config.users.find((u) => u.name === as);
    return this.cluster.client(account ? { token: account.token } : { user: as });
  }

  /** Runs a request that may be refused; a refusal is kept for the Then-steps instead of failing the step. */
  async attempt<T>(request: () => Promise<T>): Promise<T | undefined> {
    this.lastError = undefined;
    try {
      return await request();
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.lastError = e;
      return undefined;
    }
  }

  /** Lets time pass: virtual time where the adapter has it, real waiting otherwise. */
  async passTime(ms: number): Promise<void> {
    const advance = this.cluster.clock.advance;
    if (advance) await advance.call(this.cluster.clock, ms);
    else await new Promise((resolve) => setTimeout(resolve, ms));
    await this.cluster.settle();
  }

  /**
   * Then-steps assert through here: on a virtual clock, settle and check
   * once; on a real clock, retry until the check passes or patience runs out.
   */
  async eventually(check: () => Promise<void>): Promise<void> {
    await this.cluster.settle();
    if (this.cluster.clock.advance) return check();
    const deadline = Date.now() + REAL_TIME_PATIENCE_MS;
    for (;;) {
      try {
        return await check();
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  /** A manifest from a YAML doc string, namespaced to `default` when it names none. */
  manifest(yaml: string): KubeObject {
    const obj = parseYaml(yaml) as KubeObject;
    if (!obj || typeof obj !== 'object' || typeof obj.metadata !== 'object') throw new Error(`Expected a manifest with metadata, got:\n${yaml}`);
    return obj;
  }
}

setWorldConstructor(KubespecWorld);
