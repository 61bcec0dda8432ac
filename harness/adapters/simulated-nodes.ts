/**
 * Nodes the harness plays, as kwok does: for each node a scenario adds, a
 * kubelet in this process registers the Node, posts its status and renews
 * its Lease on the real clock, watches the pods bound to it and reports
 * them Running with an IP, all through the API server under test as
 * `system:node:<name>`. It is the reference kubelet with the simulated
 * runtime, so the API server sees a kubelet's real traffic; the cluster's
 * own kubelet behaviour is not what runs here (no `kubelet` capability).
 */
import type { ApiClient, NodeControl, NodeRequest } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';
import type { ClusterSettings } from '../../spec/settings.ts';
import { RealClock } from '../../reference/runtime/clock.ts';
import { Kubelet } from '../../reference/kubelet/kubelet.ts';
import { kubeletConfig } from '../../reference/kubelet/kubelet-config.ts';
import { SimulatedRuntime } from '../../reference/kubelet/runtime.ts';
import { WorkTracker } from '../../reference/runtime/work-tracker.ts';

/** Simulated nodes take pod ranges and addresses from here on, clear of the nodes `kubespec serve` starts with. */
const FIRST_INDEX = 100;

/**
 * Kubernetes' TaintNodesByCondition admission plugin gives every new Node
 * this taint (plugin/pkg/admission/nodetaint/admission.go); the node
 * lifecycle controller removes it once it sees the node Ready. Until then
 * the scheduler leaves the node out ("had untolerated taint(s)").
 */
const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
const SCHEDULABLE_PATIENCE_MS = 30_000;

export class SimulatedNodes implements NodeControl {
  readonly work = new WorkTracker();
  private readonly clock = new RealClock(this.work);
  private readonly kubelets = new Map<string, Kubelet>();

  constructor(
    private readonly settings: ClusterSettings,
    /** A client acting as the node's kubelet. */
    private readonly nodeClient: (node: string) => ApiClient,
  ) {}

  get names(): string[] {
    return [...this.kubelets.keys()];
  }

  /** Registers the node, and resolves once it is Ready and takes pods (no not-ready taint left). */
  async add(req: NodeRequest): Promise<void> {
    if (this.kubelets.has(req.name)) throw new Error(`node "${req.name}" was already added`);
    const index = FIRST_INDEX + this.kubelets.size;
    const kubelet = new Kubelet(
      kubeletConfig(req, this.settings, index),
      { client: this.nodeClient(req.name), clock: this.clock, work: this.work, runtime: new SimulatedRuntime(req.name) },
    );
    this.kubelets.set(req.name, kubelet);
    await kubelet.start();
    await this.work.idle();
    await this.untilSchedulable(req.name);
  }

  /** A node added to a real cluster takes pods once the node controller has lifted the not-ready taint. */
  private async untilSchedulable(name: string): Promise<void> {
    const client = this.nodeClient(name);
    const deadline = Date.now() + SCHEDULABLE_PATIENCE_MS;
    for (;;) {
      const node = await client.get<Node & KubeObject>('nodes', name);
      if (!node.spec?.taints?.some((t) => t.key === NOT_READY_TAINT && t.effect === 'NoSchedule')) return;
      if (Date.now() > deadline) throw new Error(`node "${name}" still has the ${NOT_READY_TAINT}:NoSchedule taint ${SCHEDULABLE_PATIENCE_MS / 1000} s after it reported Ready`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async silence(name: string): Promise<void> {
    this.kubelet(name).silence();
  }

  async resume(name: string): Promise<void> {
    await this.kubelet(name).resume();
  }

  stop(): void {
    for (const k of this.kubelets.values()) k.stop();
  }

  private kubelet(name: string): Kubelet {
    const k = this.kubelets.get(name);
    if (!k) throw new Error(`Expected a node added with nodes.add, got unknown node "${name}"`);
    return k;
  }
}
