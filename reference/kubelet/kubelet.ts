/**
 * The kubelet, captain of its node (K1). It registers its Node, reports
 * node status and renews its Lease, learns of the pods bound to it by
 * watching the api-server (K2: nobody calls it), has the container runtime
 * pull and start their images (K3, through pod-worker.ts and the stage
 * table), and keeps reporting each pod's status through the api-server
 * (K4, A2 step 5). A pod marked for deletion is stopped, then removed with
 * grace period 0.
 *
 * Silencing the kubelet models a node cut off from the control plane: it
 * stops talking to the api-server (no heartbeats, no Lease, no watch, no
 * status), while its containers keep running. On resume it lists its pods
 * again and catches up.
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import { isAlreadyExists, isConflict, isForbidden, isNotFound, retryOnConflict } from '../../spec/objects/status.ts';
import type { Cancel, Clock } from '../runtime/clock.ts';
import { eventRecorder, type EventRecorder } from '../client/events.ts';
import { Informer, objectKey } from '../client/informer.ts';
import type { WorkTracker } from '../runtime/work-tracker.ts';
import { WorkQueue } from '../client/workqueue.ts';
import { Backoff } from './backoff.ts';
import { nodeObject, readyConditions } from './node-status.ts';
import { PodAddresses } from './pod-addresses.ts';
import { ownedPart, podPhase, podStatus } from './pod-status.ts';
import { PodWorker } from './pod-worker.ts';
import type { SimulatedRuntime } from './runtime.ts';

export interface KubeletConfig {
  nodeName: string;
  cpu: string;
  memory: string;
  pods: number;
  labels: Record<string, string>;
  podCIDR: string;
  nodeIP: string;
  statusUpdatePeriodMs: number;
  leaseDurationSeconds: number;
  leaseRenewPeriodMs: number;
  /** Back-off for pulls and restarts. @default 10000 doubling to 300000 */
  backOffInitialMs?: number;
  backOffMaxMs?: number;
}

export interface KubeletDeps {
  client: ApiClient;
  clock: Clock;
  work: WorkTracker;
  runtime: SimulatedRuntime;
}

type PodObject = Pod & KubeObject;

export class Kubelet {
  private pods: Informer<PodObject>;
  private readonly queue: WorkQueue;
  private readonly events: EventRecorder;
  private readonly addresses: PodAddresses;
  private readonly workers = new Map<string, PodWorker>();
  private readonly wakeups = new Map<string, Cancel>();
  private readonly imageBackoff: Backoff;
  private readonly crashBackoff: Backoff;
  private timers: Cancel[] = [];
  /** A silenced kubelet keeps its containers but does not reach the api-server. */
  private silent = false;

  constructor(
    readonly config: KubeletConfig,
    private readonly deps: KubeletDeps,
  ) {
    this.events = eventRecorder(deps.client, deps.clock, 'kubelet', config.nodeName);
    this.addresses = new PodAddresses(config.podCIDR);
    this.imageBackoff = new Backoff(config.backOffInitialMs ?? 10_000, config.backOffMaxMs ?? 300_000);
    this.crashBackoff = new Backoff(config.backOffInitialMs ?? 10_000, config.backOffMaxMs ?? 300_000);
    this.queue = new WorkQueue(deps.work, (key) => this.syncPod(key));
    this.pods = this.podInformer();
  }

  get nodeName(): string {
    return this.config.nodeName;
  }

  /** Watches only the pods bound to this node (fieldSelector spec.nodeName), as a real kubelet does. */
  private podInformer(): Informer<PodObject> {
    const enqueue = (pod: PodObject) => this.queue.add(objectKey(pod));
    return new Informer<PodObject>(this.deps.client, 'pods', { fieldSelector: `spec.nodeName=${this.config.nodeName}` }, {
      onAdd: enqueue,
      onUpdate: enqueue,
      onDelete: enqueue,
    });
  }

  async start(): Promise<void> {
    await this.register();
    await this.renewLease();
    await this.pods.start();
    this.timers.push(this.deps.clock.every(this.config.statusUpdatePeriodMs, () => this.postStatus()));
    this.timers.push(this.deps.clock.every(this.config.leaseRenewPeriodMs, () => this.renewLease()));
  }

  stop(): void {
    this.timers.forEach((cancel) => cancel());
    this.timers = [];
    for (const cancel of this.wakeups.values()) cancel();
    this.pods.stop();
  }

  silence(): void {
    this.silent = true;
    this.pods.stop();
  }

  /** Reports again: a heartbeat, the Lease, and a fresh list of its pods (pods deleted meanwhile are stopped). */
  async resume(): Promise<void> {
    if (!this.silent) return;
    this.silent = false;
    await this.postStatus();
    await this.renewLease();
    this.pods = this.podInformer();
    await this.pods.start();
    for (const key of this.workers.keys()) this.queue.add(key);
  }

  private async register(): Promise<void> {
    const node = nodeObject(this.config, this.deps.clock.timestamp());
    try {
      await this.deps.client.create('nodes', node as unknown as KubeObject);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      await this.postStatus();
    }
  }

  /**
   * The heartbeat: Ready=True with a fresh lastHeartbeatTime, sent as the
   * kubelet sends it (component-helpers' PatchNodeStatus): a strategic merge
   * patch of the status conditions, by type. A whole node PUT back would carry
   * the taints it was read with, and NodeRestriction refuses a node that
   * changes its taints: a taint the node controller added in between would
   * make the heartbeat 403.
   */
  private async postStatus(): Promise<void> {
    if (this.silent) return;
    const node = await this.deps.client.get<Node & KubeObject>('nodes', this.config.nodeName);
    const conditions = readyConditions(node.status?.conditions, this.deps.clock.timestamp());
    await this.deps.client.patch('nodes', this.config.nodeName, { status: { conditions } }, { type: 'strategic', subresource: 'status' });
  }

  private async renewLease(): Promise<void> {
    if (this.silent) return;
    const name = this.config.nodeName;
    const spec = { holderIdentity: name, leaseDurationSeconds: this.config.leaseDurationSeconds, renewTime: this.deps.clock.microTimestamp() };
    try {
      const lease = await this.deps.client.get('leases', name, { namespace: 'kube-node-lease' });
      await this.deps.client.update('leases', { ...lease, spec: { ...(lease.spec as object), ...spec } }, { namespace: 'kube-node-lease' });
    } catch (e) {
      // Another renewal of ours wrote the Lease meanwhile (on the real clock, the one on resume
      // beside the periodic one): it is fresh, and the next renewal reads it again, as the
      // kubelet's lease controller does (retryUpdateLease: on a conflict, get the newer Lease).
      if (isConflict(e)) return;
      if (!isNotFound(e)) throw e;
      await this.deps.client.create(
        'leases',
        { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-node-lease' }, spec },
        { namespace: 'kube-node-lease' },
      );
    }
  }

  /** Brings one pod's containers in line with its spec, then reports what runs. */
  private async syncPod(key: string): Promise<void> {
    if (this.silent) return;
    const pod = this.pods.get(key);
    if (!pod) return this.killPod(key);
    if (pod.metadata.deletionTimestamp) return this.terminate(key, pod);
    let worker = this.workers.get(key);
    if (worker && worker.uid !== pod.metadata.uid) await this.killPod(key); // same name, new pod
    worker = this.workers.get(key);
    if (!worker) {
      worker = new PodWorker(pod, { runtime: this.deps.runtime, clock: this.deps.clock, events: this.events, imageBackoff: this.imageBackoff, crashBackoff: this.crashBackoff });
      this.workers.set(key, worker);
    }
    const wake = await worker.sync(pod);
    this.wakeups.get(key)?.();
    this.wakeups.delete(key);
    if (wake !== undefined) this.wakeups.set(key, this.deps.clock.after(Math.max(0, wake - this.deps.clock.now()), () => this.queue.add(key)));
    await this.report(key, pod, worker);
  }

  /** Writes the pod's status when what the API shows differs from what runs here. */
  private async report(key: string, cached: PodObject, worker: PodWorker): Promise<void> {
    const statuses = worker.statuses();
    const phase = podPhase(statuses, (s) => worker.willRestart(cached, s));
    const build = (pod: PodObject) =>
      podStatus({ pod, statuses, phase, hostIP: this.config.nodeIP, podIP: this.addresses.assign(key), now: this.deps.clock.timestamp() });
    if (ownedPart(build(cached)) === ownedPart(cached.status)) return;
    try {
      await retryOnConflict(async () => {
        const fresh = await this.deps.client.get<PodObject>('pods', cached.metadata.name ?? '', { namespace: cached.metadata.namespace });
        if (fresh.metadata.uid !== cached.metadata.uid || fresh.metadata.deletionTimestamp) return;
        await this.deps.client.update('pods', { ...fresh, status: build(fresh) }, { subresource: 'status' });
      });
    } catch (e) {
      // A pod deleted meanwhile is NotFound, or Forbidden where the Node
      // authorizer already forgot it was bound here (a real api-server's
      // answer): either way there is nothing left to report.
      if (!isNotFound(e) && !isForbidden(e)) throw e;
    }
  }

  /** Graceful deletion: stop the containers, then remove the pod for good. */
  private async terminate(key: string, pod: PodObject): Promise<void> {
    const stopped = (await this.workers.get(key)?.kill()) ?? [];
    for (const name of stopped) await this.events.record(pod, 'Normal', 'Killing', `Stopping container ${name}`);
    await this.killPod(key);
    try {
      await this.deps.client.delete('pods', pod.metadata.name ?? '', { namespace: pod.metadata.namespace, gracePeriodSeconds: 0 });
    } catch (e) {
      if (!isNotFound(e) && !isForbidden(e)) throw e; // already gone (see report)
    }
  }

  private async killPod(key: string): Promise<void> {
    this.wakeups.get(key)?.();
    this.wakeups.delete(key);
    await this.workers.get(key)?.kill();
    this.workers.delete(key);
    this.addresses.release(key);
  }
}
