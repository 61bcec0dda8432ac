/**
 * The namespace controller (pkg/controller/namespace; C7: one more of the
 * same shape): it watches namespaces and, a few seconds after one is
 * deleted (namespaceDeletionGracePeriod, 5 s), empties it and lets it go
 * (namespace-deleter.ts). While its pods are still stopping it looks again
 * after half their grace period; after a failure, sooner, backing off up
 * to a minute. It acts only through the API, as kube-controller-manager.
 */
import { isStatusError } from '../../spec/objects/status.ts';
import { Informer } from '../client/informer.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { Cancel } from '../runtime/clock.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { ContentRemainsError, NamespaceDeleter, type NamespaceObject } from './namespace-deleter.ts';

/** namespaceDeletionGracePeriod: how long after a delete the controller first looks. */
export const NAMESPACE_DELETION_GRACE_PERIOD_MS = 5_000;
/** nsControllerRateLimiter: 5 ms doubling per failure, at most a minute. */
const BACKOFF_BASE_MS = 5;
const BACKOFF_MAX_MS = 60_000;

export class NamespaceController implements Controller {
  readonly name = 'namespace';
  private readonly namespaces: Informer<NamespaceObject>;
  private readonly queue: WorkQueue;
  private readonly deleter: NamespaceDeleter;
  /** AddAfter: one pending timer per namespace, the earliest asked for. */
  private readonly timers = new Map<string, { at: number; cancel: Cancel }>();
  private readonly failures = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext) {
    this.deleter = new NamespaceDeleter(ctx.client, ctx.clock, ctx.discoverResources ?? (async () => []));
    this.queue = new WorkQueue(ctx.work, (name) => this.sync(name));
    const changed = (ns: NamespaceObject) => {
      if (ns.metadata.deletionTimestamp) this.later(ns.metadata.name ?? '', NAMESPACE_DELETION_GRACE_PERIOD_MS);
    };
    this.namespaces = new Informer<NamespaceObject>(ctx.client, 'namespaces', {}, { onAdd: changed, onUpdate: changed });
  }

  start(): Promise<void> {
    return this.namespaces.start();
  }

  stop(): void {
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    this.namespaces.stop();
  }

  private later(name: string, ms: number): void {
    const at = this.ctx.clock.now() + ms;
    const pending = this.timers.get(name);
    if (pending && pending.at <= at) return;
    pending?.cancel();
    const cancel = this.ctx.clock.after(ms, () => {
      this.timers.delete(name);
      this.queue.add(name);
    });
    this.timers.set(name, { at, cancel });
  }

  private async sync(name: string): Promise<void> {
    if (!this.namespaces.get(name)) return void this.failures.delete(name);
    try {
      const estimate = await this.deleter.delete(name);
      this.failures.delete(name);
      if (estimate > 0) this.later(name, (Math.floor(estimate / 2) + 1) * 1000);
    } catch (e) {
      // Refusals and leftovers are retried with a growing delay; anything else is a bug and surfaces.
      if (!isStatusError(e) && !(e instanceof ContentRemainsError)) throw e;
      const n = this.failures.get(name) ?? 0;
      this.failures.set(name, n + 1);
      this.later(name, Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** n));
    }
  }
}

export const namespaceController = (ctx: ControllerContext): Controller => new NamespaceController(ctx);
