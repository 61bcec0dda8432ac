/**
 * NodeRestriction (plugin/pkg/admission/noderestriction): a kubelet may
 * change only its own Node, its own Lease, and pods bound to it (their
 * status, or their deletion). The refusal is a 403 naming the node, in
 * Kubernetes' words.
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { AdmissionRequest, MutatingAdmissionPlugin } from './admission.ts';
import { nodeIdentity } from '../authentication/node-identity.ts';
import { NODE_LEASE_NAMESPACE } from '../authorization/node-authorizer.ts';
import { errors, groupResource } from '../status.ts';

/** admission.NewForbidden: `<resource> "<name>" is forbidden: <why>`, the name taken from the object on create. */
export function admissionForbidden(req: AdmissionRequest, why: string) {
  const name = req.name || req.object?.metadata?.name || '';
  const subject = name ? `${groupResource(req.resource)} "${name}"` : groupResource(req.resource);
  return errors.forbidden(`${subject} is forbidden: ${why}`);
}

const nodeNameOf = (pod: KubeObject | undefined) => (pod?.spec as { nodeName?: string } | undefined)?.nodeName ?? '';

function admitPod(node: string, req: AdmissionRequest): void {
  if (req.subresource === 'status') {
    if (req.operation !== 'UPDATE') throw admissionForbidden(req, `unexpected operation "${req.operation}"`);
    if (nodeNameOf(req.oldObject) !== node) {
      throw admissionForbidden(req, `node "${node}" can only update pod status for pods with spec.nodeName set to itself`);
    }
    if (JSON.stringify(req.oldObject?.metadata.labels ?? {}) !== JSON.stringify(req.object?.metadata.labels ?? {})) {
      throw admissionForbidden(req, `node "${node}" cannot update labels through pod status`);
    }
    return;
  }
  if (req.subresource) throw admissionForbidden(req, `unexpected pod subresource "${req.subresource}", only 'status' and 'eviction' are allowed`);
  if (req.operation === 'DELETE') {
    if (nodeNameOf(req.oldObject) !== node) throw admissionForbidden(req, `node "${node}" can only delete pods with spec.nodeName set to itself`);
    return;
  }
  if (req.operation === 'CREATE') {
    // Only mirror pods of static manifests, which this reference does not model.
    throw admissionForbidden(req, `pod does not have "kubernetes.io/config.mirror" annotation, node "${node}" can only create mirror pods`);
  }
  throw admissionForbidden(req, `unexpected operation "${req.operation}", node "${node}" can only create and delete mirror pods`);
}

function admitNode(node: string, req: AdmissionRequest): void {
  const requested = req.name || req.object?.metadata?.name || '';
  if (requested !== node) throw admissionForbidden(req, `node "${node}" is not allowed to modify node "${requested}"`);
  if (req.operation === 'UPDATE') {
    const taints = (o: KubeObject | undefined) => JSON.stringify((o?.spec as { taints?: unknown } | undefined)?.taints ?? []);
    if (taints(req.object) !== taints(req.oldObject)) throw admissionForbidden(req, `node "${node}" is not allowed to modify taints`);
  }
}

function admitLease(node: string, req: AdmissionRequest): void {
  if (req.namespace !== NODE_LEASE_NAMESPACE) {
    throw admissionForbidden(req, `can only access leases in the "${NODE_LEASE_NAMESPACE}" system namespace`);
  }
  const name = req.operation === 'CREATE' ? req.object?.metadata?.name : req.name;
  if (name !== node) throw admissionForbidden(req, 'can only access node lease with the same name as the requesting node');
}

export const nodeRestriction: MutatingAdmissionPlugin = {
  name: 'NodeRestriction',
  async admit(req) {
    const node = nodeIdentity(req.user);
    if (node === undefined) return;
    if (node === '') throw admissionForbidden(req, `could not determine node from user "${req.user.name}"`);
    const { resource, group } = req.resource;
    if (group === '' && resource === 'pods') admitPod(node, req);
    else if (group === '' && resource === 'nodes') admitNode(node, req);
    else if (group === 'coordination.k8s.io' && resource === 'leases') admitLease(node, req);
  },
};
