/**
 * ServiceAccount admission (plugin/pkg/admission/serviceaccount): a pod
 * runs as a service account, `default` unless it names one, and a pod
 * that names a service account that does not exist is refused.
 *
 * Where the reference differs: Kubernetes also refuses a pod when the
 * namespace's `default` service account has not been created yet (its
 * service-account controller creates it moments after the namespace). The
 * reference has no such controller, so `default` is always accepted.
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { Pod } from '../../../spec/objects/pod.ts';
import type { MutatingAdmissionPlugin } from './admission.ts';
import { admissionForbidden } from './node-restriction.ts';

export const DEFAULT_SERVICE_ACCOUNT = 'default';

export type ServiceAccountLookup = (namespace: string, name: string) => KubeObject | undefined;

export function serviceAccountAdmission(lookup: ServiceAccountLookup): MutatingAdmissionPlugin {
  return {
    name: 'ServiceAccount',
    async admit(req) {
      if (req.resource.resource !== 'pods' || req.resource.group !== '' || req.subresource || req.operation !== 'CREATE' || !req.object) return;
      const pod = req.object as unknown as Pod;
      if (typeof pod.spec !== 'object' || pod.spec === null) return; // validation answers that
      pod.spec.serviceAccountName ||= DEFAULT_SERVICE_ACCOUNT;
      const name = pod.spec.serviceAccountName;
      if (name !== DEFAULT_SERVICE_ACCOUNT && !lookup(req.namespace ?? '', name)) {
        throw admissionForbidden(req, `error looking up service account ${req.namespace}/${name}: serviceaccount "${name}" not found`);
      }
    },
  };
}
