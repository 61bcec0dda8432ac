/**
 * The node lifecycle controller (C2-C6; pkg/controller/nodelifecycle). Every
 * node-monitor period it checks each node as the API shows it (C3: Node
 * status and Lease, through informers): a node silent for longer than the
 * grace period gets Ready=Unknown (node-health.ts), the event NodeNotReady,
 * and its pods' Ready condition False. The NoSchedule taints follow the
 * conditions at once; the NoExecute taint that starts evictions goes
 * through a per-zone rate-limited queue, which stops altogether when every
 * zone is down (the controller then suspects itself, not the nodes).
 */
import type { Lease } from '../../spec/objects/lease.ts';
import type { Condition, KubeObject } from '../../spec/objects/meta.ts';
import { isConflict } from '../../spec/objects/status.ts';
import type { Cancel } from '../runtime/clock.ts';
import { eventRecorder, type EventRecorder } from '../client/events.ts';
import { Informer } from '../client/informer.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { checkNodeHealth, type NodeHealth } from './node-health.ts';
import { NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE, reconcileNoSchedule, readyCondition, sameTaint } from './node-taints.ts';
import { markPodsNotReady, swapNodeTaints, updateTaints, type NodeObject, type PodObject } from './node-writes.ts';
import { RateLimitedTimedQueue, TokenBucket } from './rate-limited-queue.ts';
import { computeZoneState, zoneKey, zoneRate, type ZoneState } from './zone-states.ts';

export const NODE_CONTROLLER = 'node-controller';

export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  private readonly nodes: Informer<NodeObject>;
  private readonly leases: Informer<Lease & KubeObject>;
  private readonly pods: Informer<PodObject>;
  private readonly noSchedule: WorkQueue;
  private readonly events: EventRecorder;
  private readonly health = new Map<string, NodeHealth>();
  private readonly zoneStates = new Map<string, ZoneState>();
  private readonly tainters = new Map<string, RateLimitedTimedQueue>();
  private timers: Cancel[] = [];
  private passTimer: Cancel | undefined;
  /** Milliseconds between the clock's start and the Unix epoch, to read metav1 times on the controller's clock. */
  private readonly epoch: number;

  constructor(private readonly ctx: ControllerContext) {
    const { client, work, clock } = ctx;
    this.epoch = Date.parse(clock.microTimestamp()) - clock.now();
    this.events = eventRecorder(client, clock, NODE_CONTROLLER);
    this.noSchedule = new WorkQueue(work, (name) => this.reconcileNoScheduleTaints(name));
    const onNode = (node: NodeObject) => this.noSchedule.add(node.metadata.name ?? '');
    this.nodes = new Informer<NodeObject>(client, 'nodes', {}, { onAdd: onNode, onUpdate: onNode, onDelete: (n) => this.forget(n) });
    this.leases = new Informer<Lease & KubeObject>(client, 'leases', { namespace: 'kube-node-lease' }, {});
    this.pods = new Informer<PodObject>(client, 'pods', {}, {});
  }

  async start(): Promise<void> {
    await this.leases.start();
    await this.pods.start();
    await this.nodes.start();
    this.timers.push(this.ctx.clock.every(this.ctx.settings.nodeMonitorPeriodMs, () => this.monitorNodeHealth()));
  }

  stop(): void {
    this.timers.forEach((cancel) => cancel());
    this.passTimer?.();
    for (const i of [this.nodes, this.leases, this.pods]) i.stop();
  }

  /** One check of every node (monitorNodeHealth). */
  async monitorNodeHealth(): Promise<void> {
    const { clock, settings } = this.ctx;
    const zoneConditions = new Map<string, Array<Condition | undefined>>();
    const nodes = this.nodes.list().sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      const zone = zoneKey(node);
      this.ensureZone(zone);
      const lease = this.leases.get(`kube-node-lease/${name}`);
      const renew = lease?.spec.renewTime ? Date.parse(lease.spec.renewTime) : undefined;
      const result = checkNodeHealth({
        node,
        leaseRenewTime: renew,
        saved: this.health.get(name),
        now: clock.now(),
        nowTimestamp: clock.timestamp(),
        toMs: (t) => Date.parse(t) - this.epoch,
        gracePeriodMs: settings.nodeMonitorGracePeriodMs,
        startupGracePeriodMs: settings.nodeStartupGracePeriodMs,
      });
      if (result.conditions) {
        // The cached node's resourceVersion guards the write: if the kubelet reported meanwhile, the next check sees it.
        try {
          await this.ctx.client.update('nodes', { ...node, status: { ...node.status, conditions: result.conditions } }, { subresource: 'status' });
        } catch (e) {
          if (!isConflict(e)) throw e;
          continue;
        }
      }
      this.health.set(name, result.health);
      if (node.metadata.labels?.['node.kubernetes.io/exclude-disruption'] === undefined) {
        zoneConditions.set(zone, [...(zoneConditions.get(zone) ?? []), result.currentReady]);
      }
      if (!result.currentReady) continue;
      await this.processTaintBasedEviction(node, result.currentReady);
      if (result.currentReady.status !== 'True' && result.observedReady.status === 'True') {
        await this.events.record(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
        await markPodsNotReady(this.ctx.client, this.events, this.podsOn(name), clock.timestamp());
      }
    }
    await this.handleDisruption(zoneConditions, nodes);
    // Kubernetes runs the pass every 100 ms (NodeEvictionPeriod) on what its informer shows; here
    // it runs once this check's writes have reached the informer (a 0 ms timer fires after they
    // settle), so a node marked Unknown is tainted NoExecute at the same check, as there.
    this.schedulePass(0);
  }

  private podsOn(node: string): PodObject[] {
    return this.pods.list().filter((p) => p.spec.nodeName === node);
  }

  /**
   * addPodEvictorForNewZone: a zone the controller has no state for (new, or
   * forgotten once its last node went) starts Initial with a fresh queue.
   * Keyed on the state, as there: a zone that came back must not count as
   * having been fully disrupted, or every check would grant its nodes a
   * fresh grace period as if the whole cluster were coming back.
   */
  private ensureZone(zone: string): RateLimitedTimedQueue {
    if (!this.zoneStates.has(zone)) {
      this.zoneStates.set(zone, 'Initial');
      this.tainters.set(zone, new RateLimitedTimedQueue(new TokenBucket(this.ctx.settings.nodeEvictionRate)));
    }
    return this.tainters.get(zone)!;
  }

  /**
   * Decides from the Ready condition the check just wrote (processTaintBaseEviction is given
   * currentReadyCondition), so the NoExecute taint is queued at the check that marks the node,
   * not one check later (as before kubernetes/kubernetes#120815).
   */
  private async processTaintBasedEviction(node: NodeObject, current: Condition): Promise<void> {
    const name = node.metadata.name ?? '';
    const taints = node.spec?.taints ?? [];
    const has = (t: typeof UNREACHABLE_NO_EXECUTE) => taints.some((x) => sameTaint(x, t));
    if (current.status === 'True') {
      await this.markNodeAsReachable(node);
      return;
    }
    const [wanted, opposite] = current.status === 'False' ? [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE] : [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE];
    if (has(opposite)) {
      // Already tainted the other way: swap straight away, no need to wait for the queue.
      await swapNodeTaints(this.ctx.client, name, [wanted], [opposite], () => this.ctx.clock.timestamp());
      return;
    }
    const queue = this.ensureZone(zoneKey(node));
    if (!has(wanted)) queue.remove(name);
    queue.add(name, this.ctx.clock.now());
  }

  private async markNodeAsReachable(node: NodeObject): Promise<void> {
    const name = node.metadata.name ?? '';
    this.tainters.get(zoneKey(node))?.remove(name);
    const taints = node.spec?.taints ?? [];
    if (!taints.some((t) => sameTaint(t, UNREACHABLE_NO_EXECUTE) || sameTaint(t, NOT_READY_NO_EXECUTE))) return;
    await swapNodeTaints(this.ctx.client, name, [], [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE], () => this.ctx.clock.timestamp());
  }

  /** handleDisruption: per-zone states and rates; every zone down means stop all evictions and lift the NoExecute taints. */
  private async handleDisruption(zoneConditions: Map<string, Array<Condition | undefined>>, nodes: NodeObject[]): Promise<void> {
    const { settings, clock } = this.ctx;
    const newStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const [zone, conds] of zoneConditions) {
      const { state } = computeZoneState(conds, settings.unhealthyZoneThreshold);
      newStates.set(zone, state);
      allAreFullyDisrupted &&= state === 'FullDisruption';
    }
    let allWereFullyDisrupted = true;
    for (const [zone, state] of [...this.zoneStates]) {
      if (!zoneConditions.has(zone)) {
        this.zoneStates.delete(zone);
        continue;
      }
      if (state !== 'FullDisruption') allWereFullyDisrupted = false;
    }
    if (allAreFullyDisrupted && allWereFullyDisrupted) return;
    const now = clock.now();
    if (allAreFullyDisrupted) {
      for (const node of nodes) await this.markNodeAsReachable(node);
      for (const zone of this.zoneStates.keys()) {
        this.tainters.get(zone)?.swapLimiter(0, now);
        this.zoneStates.set(zone, 'FullDisruption');
      }
      return;
    }
    if (allWereFullyDisrupted) {
      // Leaving "master disruption": every node gets a fresh grace period.
      for (const [name, h] of this.health) this.health.set(name, { ...h, probeTimestamp: now, readyTransitionTimestamp: now });
    }
    for (const [zone, state] of this.zoneStates) {
      const next = newStates.get(zone) ?? 'Normal';
      if (state === next && !allWereFullyDisrupted) continue;
      this.tainters.get(zone)?.swapLimiter(zoneRate(next, zoneConditions.get(zone)?.length ?? 0, settings), now);
      this.zoneStates.set(zone, next);
    }
  }

  /** doNoExecuteTaintingPass: taints the queued nodes as tokens allow, and comes back exactly when the next token is due. */
  private async noExecuteTaintingPass(): Promise<void> {
    const { clock, client } = this.ctx;
    let next = Infinity;
    for (const queue of this.tainters.values()) {
      await queue.try(clock.now(), async ({ value }) => {
        const node = this.nodes.get(value);
        if (!node) return [true, 0];
        const ready = readyCondition(node);
        if (!ready) return [false, 50];
        if (ready.status === 'True') return [true, 0];
        const [add, remove] = ready.status === 'False' ? [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE] : [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE];
        return [await swapNodeTaints(client, value, [add], [remove], () => clock.timestamp()), 0];
      });
      next = Math.min(next, queue.nextAttemptAt() ?? Infinity);
    }
    if (Number.isFinite(next)) this.schedulePass(Math.max(0, next - clock.now()));
  }

  /** The next tainting pass, in `ms`; one pending pass at a time. */
  private schedulePass(ms: number): void {
    this.passTimer?.();
    this.passTimer = this.ctx.clock.after(ms, () => {
      this.passTimer = undefined;
      return this.noExecuteTaintingPass();
    });
  }

  /** doNoScheduleTaintingPass, on every node change. */
  private async reconcileNoScheduleTaints(name: string): Promise<void> {
    const cached = this.nodes.get(name);
    if (!cached || !reconcileNoSchedule(cached, this.ctx.clock.timestamp())) return;
    await updateTaints(this.ctx.client, name, (node) => reconcileNoSchedule(node, this.ctx.clock.timestamp()));
  }

  private forget(node: NodeObject): void {
    const name = node.metadata.name ?? '';
    this.health.delete(name);
    this.tainters.get(zoneKey(node))?.remove(name);
  }
}

export const nodeLifecycleController = (ctx: ControllerContext): Controller => new NodeLifecycleController(ctx);
