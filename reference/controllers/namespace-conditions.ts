/**
 * The conditions the namespace controller reports on a Terminating
 * namespace (pkg/controller/namespace/deletion/status_condition_utils.go):
 * five of them, each False with an "all is well" reason and message until
 * something goes wrong, then True saying what: content it could not
 * delete, content still there, content held by finalizers.
 */
import type { Condition } from '../../spec/objects/meta.ts';

/** The five types, in the order Kubernetes writes them. */
const OK: ReadonlyArray<[type: string, reason: string, message: string]> = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

/** What one pass over the namespace's content found. */
export interface ContentReport {
  /** Per resource (`pods.`, `configmaps.`, `replicasets.apps`): instances still there. */
  remaining: Map<string, number>;
  /** Per finalizer: instances it still holds. */
  finalizers: Map<string, number>;
  /** Deletions that failed. */
  failures: string[];
}

/** The conditions that differ from "all is well" after a pass. */
function troubles(report: ContentReport, now: string): Condition[] {
  const out: Condition[] = [];
  const listed = (m: Map<string, number>, say: (k: string, n: number) => string) => [...m].filter(([, n]) => n > 0).map(([k, n]) => say(k, n)).sort().join(', ');
  if (report.failures.length) {
    const msgs = [...report.failures].sort().join(', ');
    out.push({ type: 'NamespaceDeletionContentFailure', status: 'True', lastTransitionTime: now, reason: 'ContentDeletionFailed', message: `Failed to delete all resource types, ${report.failures.length} remaining: ${msgs}` });
  }
  if ([...report.remaining.values()].some((n) => n > 0)) {
    out.push({ type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${listed(report.remaining, (k, n) => `${k} has ${n} resource instances`)}` });
  }
  if ([...report.finalizers.values()].some((n) => n > 0)) {
    out.push({ type: 'NamespaceFinalizersRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${listed(report.finalizers, (k, n) => `${k} in ${n} resource instances`)}` });
  }
  return out;
}

/** updateConditions: the namespace's conditions after a pass, or undefined when none changed. A transition time moves only with the status. */
export function namespaceConditions(current: readonly Condition[], report: ContentReport, now: string): Condition[] | undefined {
  const found = troubles(report, now);
  let changed = false;
  const next = [...current];
  for (const [type, reason, message] of OK) {
    const wanted = found.find((c) => c.type === type) ?? { type, status: 'False' as const, lastTransitionTime: now, reason, message };
    const i = next.findIndex((c) => c.type === type);
    if (i < 0) {
      next.push(wanted);
      changed = true;
    } else if (next[i]!.status !== wanted.status || next[i]!.reason !== wanted.reason || next[i]!.message !== wanted.message) {
      next[i] = { ...wanted, lastTransitionTime: next[i]!.status !== wanted.status ? now : next[i]!.lastTransitionTime };
      changed = true;
    }
  }
  return changed ? next : undefined;
}
