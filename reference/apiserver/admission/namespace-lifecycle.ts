/**
 * NamespaceLifecycle (k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle):
 * nothing is created in a namespace that does not exist (404) or is being
 * deleted (403 with the cause NamespaceTerminating), and the namespaces the
 * cluster itself needs cannot be deleted.
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { AdmissionRequest, MutatingAdmissionPlugin } from './admission.ts';
import { RESOURCES } from '../registry/resources.ts';
import { errors } from '../status.ts';
import { admissionForbidden } from './node-restriction.ts';

/** The refusal of a create in a namespace being deleted: a Forbidden whose cause NamespaceTerminating names the namespace. */
function terminating(req: AdmissionRequest, namespace: string) {
  const refusal = admissionForbidden(req, `unable to create new content in namespace ${namespace} because it is being terminated`);
  const name = req.name || req.object?.metadata?.name || '';
  refusal.status.details = {
    name,
    group: req.resource.group,
    kind: req.resource.resource,
    causes: [{ type: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }],
  };
  return refusal;
}

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
        throw terminating(req, req.namespace);
      }
    },
  };
}
