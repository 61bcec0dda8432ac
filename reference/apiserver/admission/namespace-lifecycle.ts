/**
 * NamespaceLifecycle (k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle):
 * nothing is created in a namespace that does not exist (404) or is being
 * deleted (403), and the namespaces the cluster itself needs cannot be
 * deleted.
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { MutatingAdmissionPlugin } from './admission.ts';
import { RESOURCES } from '../registry/resources.ts';
import { errors } from '../status.ts';
import { admissionForbidden } from './node-restriction.ts';

export const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'];

/** Looks a namespace up in the api-server's cache. */
export type NamespaceLookup = (name: string) => KubeObject | undefined;

export function namespaceLifecycle(lookup: NamespaceLookup): MutatingAdmissionPlugin {
  const namespaces = RESOURCES.get('namespaces')!;
  return {
    name: 'NamespaceLifecycle',
    async admit(req) {
      if (req.resource.resource === 'namespaces' && req.resource.group === '') {
        if (req.operation === 'DELETE' && IMMORTAL_NAMESPACES.includes(req.name)) throw admissionForbidden(req, 'this namespace may not be deleted');
        return;
      }
      if (!req.resource.namespaced || req.operation !== 'CREATE' || !req.namespace) return;
      const ns = lookup(req.namespace);
      if (!ns) throw errors.notFound(namespaces, req.namespace);
      if (ns.metadata.deletionTimestamp || (ns.status as { phase?: string } | undefined)?.phase === 'Terminating') {
        throw admissionForbidden(req, `unable to create new content in namespace ${req.namespace} because it is being terminated`);
      }
    },
  };
}
