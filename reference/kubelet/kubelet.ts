/**
 * The kubelet, captain of its node (K1). It registers its Node, reports
 * node status and renews its Lease, learns of the pods bound to it by
 * watching the api-server (K2: nobody calls it), has the container runtime
 * pull and start their images (K3), and reports each pod's status back
 * through the api-server (K4, A2 step 5).
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';
import type { ContainerStatus, Pod } from '../../spec/objects/pod.ts';
import type { Cancel, Clock } from '../clock.ts';
import { eventRecorder, type EventRecorder } from '../events.ts';
import { Informer, objectKey } from '../informer.ts';
import type { WorkTracker } from '../work-tracker.ts';
import { WorkQueue } from '../workqueue.ts';
import { fullImageName, type ContainerHandle, type SimulatedRuntime } from './runtime.ts';
import { nodeObject, readyConditions } from './node-status.ts';
import { PodAddresses } from './pod-addresses.ts';

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
}

export interface KubeletDeps {
  client: ApiClient;
  clock: Clock;
  work: WorkTracker;
  runtime: SimulatedRuntime;
}

interface RunningPod {
  uid: string;
  containers: Map<string, ContainerHandle>;
}

export class Kubelet {
  private readonly pods: Informer<Pod & KubeObject>;
  private readonly queue: WorkQueue;
  private readonly events: EventRecorder;
  private readonly addresses: PodAddresses;
  private readonly running = new Map<string, RunningPod>();
  private timers: Cancel[] = [];
  /** A silenced kubelet keeps its pods but stops posting status and renewing its Lease. */
  private silent = false;

  constructor(
    readonly config: KubeletConfig,
    private readonly deps: KubeletDeps,
  ) {
    this.events = eventRecorder(deps.client, deps.clock, 'kubelet', config.nodeName);
    this.addresses = new PodAddresses(config.podCIDR);
    this.queue = new WorkQueue(deps.work, (key) => this.syncPod(key));
    const enqueue = (pod: Pod & KubeObject) => this.queue.add(objectKey(pod));
    this.pods = new Informer(deps.client, 'pods', { fieldSelector: `spec.nodeName=${config.nodeName}` }, {
      onAdd: enqueue,
      onUpdate: enqueue,
      onDelete: enqueue,
    });
  }

  get nodeName(): string {
    return this.config.nodeName;
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
    this.pods.stop();
  }

  silence(): void {
    this.silent = true;
  }

  resume(): Promise<void> {
    this.silent = false;
    return this.postStatus().then(() => this.renewLease());
  }

  private async register(): Promise<void> {
    const node = nodeObject(this.config, this.deps.clock.timestamp());
    try {
      await this.deps.client.create('nodes', node as unknown as KubeObject);
    } catch (e) {
      if ((e as { reason?: string }).reason !== 'AlreadyExists') throw e;
      await this.postStatus();
    }
  }

  /** The heartbeat: Ready=True with a fresh lastHeartbeatTime. */
  private async postStatus(): Promise<void> {
    if (this.silent) return;
    const node = await this.deps.client.get<Node & KubeObject>('nodes', this.config.nodeName);
    const now = this.deps.clock.timestamp();
    node.status = { ...node.status, conditions: readyConditions(node.status?.conditions, now) };
    await this.deps.client.update('nodes', node, { subresource: 'status' });
  }

  private async renewLease(): Promise<void> {
    if (this.silent) return;
    const name = this.config.nodeName;
    const spec = {
      holderIdentity: name,
      leaseDurationSeconds: this.config.leaseDurationSeconds,
      renewTime: this.deps.clock.microTimestamp(),
    };
    try {
      const lease = await this.deps.client.get('leases', name, { namespace: 'kube-node-lease' });
      await this.deps.client.update('leases', { ...lease, spec: { ...(lease.spec as object), ...spec } }, { namespace: 'kube-node-lease' });
    } catch (e) {
      if ((e as { reason?: string }).reason !== 'NotFound') throw e;
      await this.deps.client.create(
        'leases',
        { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-node-lease' }, spec },
        { namespace: 'kube-node-lease' },
      );
    }
  }

  /** Brings one pod's containers in line with its spec, then reports what runs. */
  private async syncPod(key: string): Promise<void> {
    const pod = this.pods.get(key);
    if (!pod) {
      await this.killPod(key);
      return;
    }
    if (this.running.has(key) || pod.status?.phase === 'Running') return;
    const entry: RunningPod = { uid: pod.metadata.uid ?? '', containers: new Map() };
    this.running.set(key, entry);
    const statuses: ContainerStatus[] = [];
    for (const c of pod.spec.containers) {
      await this.events.record(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
      const pulled = await this.deps.runtime.pull(c.image);
      if (!pulled.ok) {
        await this.events.record(pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${pulled.message}`);
        statuses.push({ name: c.name, image: c.image, ready: false, restartCount: 0, started: false, state: { waiting: { reason: pulled.reason, message: pulled.message } } });
        continue;
      }
      await this.events.record(pod, 'Normal', 'Pulled', `Successfully pulled image "${c.image}"`);
      const handle = await this.deps.runtime.start(entry.uid, c.name, c.image, this.deps.clock.timestamp());
      entry.containers.set(c.name, handle);
      await this.events.record(pod, 'Normal', 'Created', `Created container ${c.name}`);
      await this.events.record(pod, 'Normal', 'Started', `Started container ${c.name}`);
      statuses.push({
        name: c.name,
        image: fullImageName(c.image),
        imageID: pulled.imageID,
        containerID: handle.id,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: handle.startedAt } },
      });
    }
    await this.reportStatus(pod, statuses);
  }

  private async reportStatus(pod: Pod & KubeObject, statuses: ContainerStatus[]): Promise<void> {
    const now = this.deps.clock.timestamp();
    const allReady = statuses.every((s) => s.ready);
    const podIP = this.addresses.assign(objectKey(pod));
    const cond = (type: string, ok: boolean) => ({ type, status: ok ? ('True' as const) : ('False' as const), lastTransitionTime: now });
    const fresh = await this.deps.client.get<Pod & KubeObject>('pods', pod.metadata.name ?? '', { namespace: pod.metadata.namespace });
    fresh.status = {
      ...fresh.status,
      phase: allReady ? 'Running' : 'Pending',
      hostIP: this.config.nodeIP,
      podIP,
      podIPs: [{ ip: podIP }],
      startTime: fresh.status?.startTime ?? now,
      conditions: [
        cond('Initialized', true),
        cond('Ready', allReady),
        cond('ContainersReady', allReady),
        ...(fresh.status?.conditions ?? []).filter((c) => c.type === 'PodScheduled'),
      ],
      containerStatuses: statuses,
    };
    await this.deps.client.update('pods', fresh, { subresource: 'status' });
  }

  private async killPod(key: string): Promise<void> {
    const entry = this.running.get(key);
    if (!entry) return;
    for (const handle of entry.containers.values()) await this.deps.runtime.stop(handle.id);
    this.running.delete(key);
    this.addresses.release(key);
  }
}
