/**
 * One pod on one node: its containers, each in a stage of stages.ts. A
 * sync finds each container's outcome (pull, back-off, exit), follows the
 * stage table, records its Events, and says when the pod needs another
 * sync (a back-off running out, a crash coming).
 */
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { ContainerStatus, Pod } from '../../spec/objects/pod.ts';
import type { Clock } from '../runtime/clock.ts';
import type { EventRecorder } from '../client/events.ts';
import type { Backoff } from './backoff.ts';
import { fullImageName, type ContainerHandle, type ContainerRuntime } from './runtime.ts';
import { STAGE_STATE, transition, type Outcome, type StageContext, type StageName } from './stages.ts';

type PodObject = Pod & KubeObject;

interface ContainerRecord {
  name: string;
  image: string;
  stage: StageName;
  restartCount: number;
  handle?: ContainerHandle;
  imageID?: string;
  message?: string;
  startedAt?: string;
  exitAtMs?: number;
  exitCode?: number;
  finishedAt?: string;
  finishedAtMs?: number;
  lastState?: ContainerStatus['state'];
}

export interface PodWorkerDeps {
  runtime: ContainerRuntime;
  clock: Clock;
  events: EventRecorder;
  imageBackoff: Backoff;
  crashBackoff: Backoff;
}

/** A stage that settles in one sync is followed at once; this bounds a table mistake. */
const MAX_STEPS = 8;

export class PodWorker {
  private readonly containers = new Map<string, ContainerRecord>();

  constructor(
    private readonly pod: PodObject,
    private readonly deps: PodWorkerDeps,
  ) {}

  get uid(): string {
    return this.pod.metadata.uid ?? '';
  }

  /** `web_default(uid)`, as the kubelet prints a pod in messages. */
  private get podRef(): string {
    return `${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.uid})`;
  }

  /** Brings every container as far as it can go now; returns when the pod next needs a sync (ms), if ever. */
  async sync(pod: PodObject): Promise<number | undefined> {
    for (const c of pod.spec.containers) {
      let rec = this.containers.get(c.name);
      if (!rec) {
        rec = { name: c.name, image: c.image, stage: 'Pulling', restartCount: 0 };
        this.containers.set(c.name, rec);
        await this.deps.events.record(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
      }
      for (let i = 0; i < MAX_STEPS; i++) {
        const outcome = await this.outcome(rec, pod);
        const t = outcome && transition(rec.stage, outcome);
        if (!t) break;
        if (t.backOff === 'image') this.deps.imageBackoff.next(this.imageKey(rec), this.deps.clock.now());
        if (t.backOff === 'crash') this.deps.crashBackoff.next(this.crashKey(rec), rec.finishedAtMs ?? this.deps.clock.now());
        if (t.restarts) {
          rec.restartCount++;
          rec.lastState = STAGE_STATE.Exited(this.context(rec));
        }
        if (t.starts) await this.start(rec);
        rec.stage = t.to;
        for (const e of t.events) await this.deps.events.record(pod, e.type, e.reason, e.message(this.context(rec)));
      }
    }
    return this.nextWake();
  }

  /** What happened to the container in its stage, or undefined when it stays there for now. */
  private async outcome(rec: ContainerRecord, pod: PodObject): Promise<Outcome | undefined> {
    const now = this.deps.clock.now();
    switch (rec.stage) {
      case 'Pulling': {
        const pulled = await this.deps.runtime.pull(rec.image);
        if (pulled.ok) rec.imageID = pulled.imageID;
        else rec.message = pulled.message;
        return pulled.ok ? 'pulled' : 'pull-failed';
      }
      case 'ErrImagePull':
        return 'in-back-off';
      case 'ImagePullBackOff':
        return this.deps.imageBackoff.inBackOffSinceUpdate(this.imageKey(rec), now) ? undefined : 'back-off-over';
      case 'Running':
        if (rec.exitAtMs === undefined || now < rec.exitAtMs) return undefined;
        rec.finishedAt = this.deps.clock.timestamp();
        rec.finishedAtMs = now;
        if (rec.handle) await this.deps.runtime.stop(rec.handle.id);
        return 'exited';
      case 'Exited': {
        const policy = pod.spec.restartPolicy ?? 'Always';
        if (policy === 'Never' || (policy === 'OnFailure' && rec.exitCode === 0)) return 'stay-stopped';
        return this.deps.crashBackoff.inBackOffSince(this.crashKey(rec), rec.finishedAtMs ?? now, now) ? 'restart-later' : 'restart';
      }
      case 'CrashLoopBackOff':
        return this.deps.crashBackoff.inBackOffSince(this.crashKey(rec), rec.finishedAtMs ?? now, now) ? undefined : 'back-off-over';
    }
  }

  private async start(rec: ContainerRecord): Promise<void> {
    const { clock, runtime } = this.deps;
    rec.handle = await runtime.start(this.uid, rec.name, rec.image, clock.timestamp());
    rec.startedAt = rec.handle.startedAt;
    rec.exitAtMs = rec.handle.exit ? clock.now() + rec.handle.exit.afterMs : undefined;
    rec.exitCode = rec.handle.exit?.code;
    delete rec.finishedAt;
  }

  private nextWake(): number | undefined {
    const times: number[] = [];
    for (const rec of this.containers.values()) {
      if (rec.stage === 'ImagePullBackOff') times.push(this.deps.imageBackoff.until(this.imageKey(rec)));
      if (rec.stage === 'Running' && rec.exitAtMs !== undefined) times.push(rec.exitAtMs);
      if (rec.stage === 'CrashLoopBackOff') times.push((rec.finishedAtMs ?? 0) + this.deps.crashBackoff.get(this.crashKey(rec)));
    }
    return times.length ? Math.min(...times) : undefined;
  }

  /** The containers as the pod status reports them. */
  statuses(): ContainerStatus[] {
    return [...this.containers.values()].map((rec) => ({
      name: rec.name,
      image: fullImageName(rec.image),
      ...(rec.imageID ? { imageID: rec.imageID } : {}),
      ...(rec.handle ? { containerID: rec.handle.id } : {}),
      ready: rec.stage === 'Running',
      started: rec.stage === 'Running',
      restartCount: rec.restartCount,
      state: STAGE_STATE[rec.stage](this.context(rec)),
      ...(rec.lastState ? { lastState: rec.lastState } : {}),
    }));
  }

  /** Whether a stopped container will run again (for the pod's phase). */
  willRestart(pod: Pod, s: ContainerStatus): boolean {
    const policy = pod.spec.restartPolicy ?? 'Always';
    return policy === 'Always' || (policy === 'OnFailure' && (s.state.terminated?.exitCode ?? 0) !== 0);
  }

  /** Stops every container (graceful deletion, or the pod is gone); returns the names stopped. */
  async kill(): Promise<string[]> {
    const stopped: string[] = [];
    for (const rec of this.containers.values()) {
      if (rec.handle && rec.stage === 'Running') stopped.push(rec.name);
      if (rec.handle) await this.deps.runtime.stop(rec.handle.id);
    }
    this.containers.clear();
    return stopped;
  }

  private imageKey(rec: ContainerRecord): string {
    return `${this.uid}_${rec.image}`;
  }

  private crashKey(rec: ContainerRecord): string {
    return `${this.podRef}_${rec.name}`;
  }

  private context(rec: ContainerRecord): StageContext {
    return {
      image: rec.image,
      container: rec.name,
      pod: this.podRef,
      ...(rec.message ? { message: rec.message } : {}),
      backOffSeconds: this.deps.crashBackoff.get(this.crashKey(rec)) / 1000,
      ...(rec.exitCode !== undefined ? { exitCode: rec.exitCode } : {}),
      ...(rec.startedAt ? { startedAt: rec.startedAt } : {}),
      ...(rec.finishedAt ? { finishedAt: rec.finishedAt } : {}),
    };
  }
}
