/**
 * The Namespace's rules (pkg/registry/core/namespace): names are DNS
 * labels; a new namespace is Active whatever the client sent and carries
 * the `kubernetes` finalizer in spec.finalizers; an update changes neither
 * (status goes through namespaces/status, finalizers through
 * namespaces/finalize). A delete does not remove it: the first marks it
 * Terminating (deletionTimestamp, phase Terminating), and it is removed
 * once the namespace controller has emptied it and taken its finalizer
 * away, or by a later delete once no finalizer is left.
 */
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import { KUBERNETES_FINALIZER, Namespace } from '../../../../spec/objects/namespace.ts';
import type { Deletion } from '../graceful-deletion.ts';
import { RESOURCES } from '../resources.ts';
import { genericStrategy, statusSubresource, type Strategy } from '../strategy.ts';
import { validateLabel } from '../validation.ts';
import { finalizeSubresource } from './finalize.ts';


type NamespaceObject = Namespace & KubeObject;
const finalizersOf = (ns: KubeObject) => (ns as NamespaceObject).spec?.finalizers ?? [];

/** REST.Delete: mark on the first delete; afterwards, remove only once the finalizers are gone. */
export function namespaceDeletion(obj: KubeObject, now: string): Deletion {
  if (!obj.metadata.deletionTimestamp) {
    const marked = structuredClone(obj) as NamespaceObject;
    marked.metadata.deletionTimestamp = now;
    marked.status = { ...marked.status, phase: 'Terminating' };
    return { action: 'mark', object: marked as KubeObject };
  }
  return finalizersOf(obj).length > 0 ? { action: 'unchanged' } : { action: 'remove' };
}

export const namespaceStrategy: Strategy = {
  ...genericStrategy(RESOURCES.get('namespaces')!, Namespace, validateLabel),
  prepareForCreate(obj) {
    obj.status = { phase: 'Active' };
    const spec = (typeof obj.spec === 'object' && obj.spec !== null ? obj.spec : {}) as { finalizers?: string[] };
    const finalizers = Array.isArray(spec.finalizers) ? spec.finalizers : [];
    obj.spec = { ...spec, finalizers: finalizers.includes(KUBERNETES_FINALIZER) ? finalizers : [...finalizers, KUBERNETES_FINALIZER] };
  },
  prepareForUpdate(obj, old) {
    obj.spec = { ...(obj.spec as object), finalizers: finalizersOf(old) };
    if (old.status === undefined) delete obj.status;
    else obj.status = old.status;
  },
  // pkg/registry/core/namespace/storage/storage.go: ReturnDeletedObject: true.
  returnDeletedObject: true,
  deletion: (obj, clock) => namespaceDeletion(obj, clock.timestamp()),
  subresources: { status: statusSubresource, finalize: finalizeSubresource },
};
