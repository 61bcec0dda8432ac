/**
 * What the namespace controller does to one deleted namespace
 * (pkg/controller/namespace/deletion/namespaced_resources_deleter.go):
 * make sure it shows Terminating, delete everything in it (pods first,
 * then every other namespaced kind discovery lists), report progress in
 * its conditions, and, once nothing is left, take its `kubernetes`
 * finalizer away through namespaces/finalize, which removes it. While pods
 * are still stopping it asks to be called again after about half of their
 * longest grace period.
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { KUBERNETES_FINALIZER, type Namespace } from '../../spec/objects/namespace.ts';
import { isConflict, isNotFound, reasonOf, retryOnConflict } from '../../spec/objects/status.ts';
import type { Clock } from '../runtime/clock.ts';
import type { DiscoveredResource } from './controller.ts';
import { namespaceConditions, type ContentReport } from './namespace-conditions.ts';
import type { PodObject } from './node-writes.ts';

export type NamespaceObject = Namespace & KubeObject;
/** finalizerEstimateSeconds: how long content held by finalizers is given before looking again. */
const FINALIZER_ESTIMATE_SECONDS = 15;

/** A pass that found content it cannot explain (no grace period, no finalizer): try again soon. */
export class ContentRemainsError extends Error {}

interface Outcome {
  estimate: number;
  remaining: number;
  finalizers: Map<string, number>;
}

const groupResource = (r: DiscoveredResource) => `${r.resource}.${r.group}`;
const gvr = (r: DiscoveredResource) => `${r.group}/${r.version}, Resource=${r.resource}`;

export class NamespaceDeleter {
  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
    private readonly discover: () => Promise<DiscoveredResource[]>,
  ) {}

  /** Delete: 0 when the namespace is done with (or gone, or not being deleted); otherwise seconds of grace its pods still have. */
  async delete(name: string): Promise<number> {
    let ns: NamespaceObject;
    try {
      ns = await this.client.get<NamespaceObject>('namespaces', name);
      if (!ns.metadata.deletionTimestamp) return 0;
      ns = await this.markTerminating(ns);
    } catch (e) {
      if (isNotFound(e)) return 0;
      throw e;
    }
    if (!(ns.spec?.finalizers ?? []).includes(KUBERNETES_FINALIZER)) return 0;
    const estimate = await this.deleteAllContent(ns);
    if (estimate > 0) return estimate;
    await this.finalize(name);
    return 0;
  }

  /** updateNamespaceStatusFunc: phase Terminating, if the api-server has not set it already. */
  private async markTerminating(ns: NamespaceObject): Promise<NamespaceObject> {
    if (ns.status?.phase === 'Terminating') return ns;
    return this.client.update<NamespaceObject>('namespaces', { ...ns, status: { ...ns.status, phase: 'Terminating' } }, { subresource: 'status' });
  }

  /** deleteAllContent: pods first; the rest only once no pod is left. Returns the estimate; throws when content remains unexplained. */
  private async deleteAllContent(ns: NamespaceObject): Promise<number> {
    const name = ns.metadata.name ?? '';
    const deletedAt = Date.parse(ns.metadata.deletionTimestamp ?? '');
    const kinds = (await this.discover()).filter((r) => r.namespaced && r.verbs.includes('delete') && r.verbs.includes('list'));
    const report: ContentReport = { remaining: new Map(), finalizers: new Map(), failures: [] };
    let estimate = 0;
    const pods = kinds.find((r) => r.resource === 'pods' && r.group === '');
    const others = kinds.filter((r) => r !== pods);
    for (const [i, batch] of [[pods], others].entries()) {
      for (const kind of batch) {
        if (!kind) continue;
        try {
          const out = await this.deleteAllOf(kind, name, deletedAt);
          estimate = Math.max(estimate, out.estimate);
          if (out.remaining > 0) report.remaining.set(groupResource(kind), out.remaining);
          for (const [f, n] of out.finalizers) report.finalizers.set(f, (report.finalizers.get(f) ?? 0) + n);
        } catch (e) {
          report.failures.push(e instanceof Error ? e.message : String(e));
        }
      }
      // Other kinds wait until every pod is gone.
      if (i === 0 && (report.remaining.size > 0 || report.failures.length > 0)) break;
    }
    await this.reportConditions(ns, report);
    if (report.failures.length) throw new ContentRemainsError(report.failures.join(', '));
    return estimate;
  }

  /** deleteAllContentForGroupVersionResource: delete each object, then see what is left and why. */
  private async deleteAllOf(kind: DiscoveredResource, namespace: string, deletedAt: number): Promise<Outcome> {
    const estimate = kind.resource === 'pods' && kind.group === '' ? await this.podsEstimate(namespace, deletedAt) : 0;
    for (const obj of (await this.client.list(kind.resource, { namespace })).items) {
      try {
        await this.client.delete(kind.resource, obj.metadata.name ?? '', { namespace });
      } catch (e) {
        if (!isNotFound(e) && reasonOf(e) !== 'MethodNotAllowed') throw e;
      }
    }
    const left = (await this.client.list(kind.resource, { namespace })).items;
    if (left.length === 0) return { estimate: 0, remaining: 0, finalizers: new Map() };
    const finalizers = new Map<string, number>();
    for (const f of left.flatMap((o) => o.metadata.finalizers ?? [])) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
    if (estimate > 0) return { estimate, remaining: left.length, finalizers };
    if (finalizers.size > 0) return { estimate: FINALIZER_ESTIMATE_SECONDS, remaining: left.length, finalizers };
    throw new ContentRemainsError(`unexpected items still remain in namespace: ${namespace} for gvr: ${gvr(kind)}`);
  }

  /** estimateGracefulTerminationForPods: the longest grace period of its running pods, unless that much time has passed since the delete. */
  private async podsEstimate(namespace: string, deletedAt: number): Promise<number> {
    const pods = (await this.client.list<PodObject>('pods', { namespace })).items;
    const live = pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const estimate = Math.max(0, ...live.map((p) => p.spec.terminationGracePeriodSeconds ?? 0));
    return Date.parse(this.clock.timestamp()) - deletedAt >= estimate * 1000 ? 0 : estimate;
  }

  /** The conditions, written through namespaces/status when they changed; a write that loses a race is left to the next pass. */
  private async reportConditions(ns: NamespaceObject, report: ContentReport): Promise<void> {
    const conditions = namespaceConditions(ns.status?.conditions ?? [], report, this.clock.timestamp());
    if (!conditions) return;
    try {
      await this.client.update('namespaces', { ...ns, status: { ...ns.status, conditions } }, { subresource: 'status' });
    } catch (e) {
      if (!isConflict(e) && !isNotFound(e)) throw e;
    }
  }

  /** finalizeNamespace: spec.finalizers without ours; when none is left the api-server removes the namespace. */
  private async finalize(name: string): Promise<void> {
    try {
      await retryOnConflict(async () => {
        const ns = await this.client.get<NamespaceObject>('namespaces', name);
        const finalizers = [...new Set((ns.spec?.finalizers ?? []).filter((f) => f !== KUBERNETES_FINALIZER))].sort();
        await this.client.update('namespaces', { ...ns, spec: { ...ns.spec, finalizers } }, { subresource: 'finalize' });
      });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
