/**
 * The World: one cluster under test per scenario, reached only through the
 * adapter contract. Steps translate phrases into these calls and hold no
 * logic of their own.
 */
import { World, setWorldConstructor } from '@cucumber/cucumber';
import { parseAllDocuments } from 'yaml';
import { CAPABILITIES, type Adapter, type ApiClient, type Capability, type ClusterUnderTest, type Credentials } from '../../spec/adapter.ts';
import type { KubeList, KubeObject } from '../../spec/objects/meta.ts';
import { StatusError, isStatusError } from '../../spec/objects/status.ts';
import type { ClusterConfig, ClusterSettings, UserAccount } from '../../spec/settings.ts';
import { loadAdapter } from '../adapters/load.ts';
import { clusterProblems } from '../adapters/contract-check.ts';
import type { TimelineRecorder } from '../../reference/ui/timeline/recorder.ts';
import type { Actor } from './actors.ts';
import { scaledForRealTime } from './real-time-settings.ts';
import { Scratchpad } from './scratchpad.ts';

let adapterOnce: Promise<Adapter> | undefined;
export const theAdapter = (): Promise<Adapter> => (adapterOnce ??= loadAdapter());

/** How long a real-clock adapter may take to show an expected state before a Then-step fails. */
const REAL_TIME_PATIENCE_MS = Number(process.env.KUBESPEC_PATIENCE_MS ?? 30_000);

export class KubespecWorld extends World {
  adapter!: Adapter;
  private started: ClusterUnderTest | undefined;
  readonly config: ClusterConfig & { users: UserAccount[] } = { users: [] };
  /** The refusal the last request received, when it was a "tries to" step; the Then-steps read it. */
  lastError: StatusError | undefined;
  /** What steps noted for the steps after them. */
  readonly notes = new Scratchpad();
  /** The picture of a node-lifecycle scenario, recorded from the API (see timeline.ts). */
  timeline: TimelineRecorder | undefined;

  get cluster(): ClusterUnderTest {
    if (!this.started) throw new Error('No cluster yet: start the scenario with a "Given a cluster ..." step');
    return this.started;
  }

  get hasCluster(): boolean {
    return this.started !== undefined;
  }

  /** Asks for settings; they are part of the cluster's configuration, so they come before the cluster starts. */
  configure(settings: Partial<ClusterSettings>): void {
    if (this.started) throw new Error('Settings are part of the cluster configuration: state them before "a cluster with these nodes:"');
    this.config.settings = { ...this.config.settings, ...settings };
  }

  addUser(user: UserAccount): void {
    if (this.started) throw new Error('Users are part of the cluster configuration: declare them before "a cluster with these nodes:"');
    this.config.users.push(user);
  }

  /**
   * Starts the cluster with the scenario's configuration. A cluster on the
   * real clock that honours settings is asked for them on the real-time
   * scale (real-time-settings.ts), so that its timings take seconds.
   */
  async startCluster(extra: ClusterConfig = {}): Promise<ClusterUnderTest> {
    if (this.started) return this.started;
    const requested = { ...this.config.settings, ...extra.settings };
    const caps = this.adapter.capabilities;
    const settings = caps.has('settings') && !caps.has('virtual-time') ? scaledForRealTime(requested) : requested;
    const config: ClusterConfig = { ...this.config, ...extra, settings };
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

  /** A client acting as someone; with no one, the administrator. */
  client(as?: Actor | Credentials): ApiClient {
    if (as === undefined) return this.cluster.client();
    return this.cluster.client('phrase' in as ? as.credentials : as);
  }

  /** Sends a request that must succeed: a refusal fails the step. What it answered is noted. */
  async send(request: () => Promise<KubeObject | KubeList | void>): Promise<void> {
    this.lastError = undefined;
    this.markStoreLog();
    const answer = await request();
    if (answer) this.notes.note('answer', answer);
  }

  /** Sends a request that may be refused ("tries to"): the refusal is kept for the Then-steps instead of failing the step. */
  async attempt(request: () => Promise<KubeObject | KubeList | void>): Promise<void> {
    try {
      await this.send(request);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.lastError = e;
    }
  }

  /** Notes how long the store log is now, where the adapter keeps one, so "that request" can be told apart. */
  markStoreLog(): void {
    const length = this.cluster.observe.storeLog?.().length;
    if (length !== undefined) this.notes.note('storeLogMark', length);
  }

  /** Lets time pass: virtual time where the adapter has it, real waiting otherwise. */
  async passTime(ms: number): Promise<void> {
    if (ms < 0) throw new Error(`Cannot go back in time by ${-ms} ms: that moment has already passed`);
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

  /** The manifests of a YAML doc string (one or several documents), as a user would write them for kubectl. */
  manifests(yaml: string): KubeObject[] {
    return parseAllDocuments(yaml).flatMap((doc) => {
      if (doc.errors.length) throw new Error(`The manifest is not valid YAML: ${doc.errors[0]!.message}`);
      const obj: unknown = doc.toJS();
      if (obj === null) return [];
      if (typeof obj !== 'object' || typeof (obj as KubeObject).metadata !== 'object') throw new Error(`Expected a manifest with metadata, got:\n${yaml}`);
      return [obj as KubeObject];
    });
  }

  /** The one manifest of a YAML doc string. */
  manifest(yaml: string): KubeObject {
    const [obj, ...more] = this.manifests(yaml);
    if (!obj || more.length) throw new Error(`Expected exactly one manifest, got:\n${yaml}`);
    return obj;
  }
}

setWorldConstructor(KubespecWorld);
