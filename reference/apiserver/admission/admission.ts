/**
 * Admission: after authorization, before storage. Mutating plugins run
 * first (in order), then the object is validated, then validating plugins
 * run, as in the Kubernetes api-server.
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { UserInfo } from '../authentication/authentication.ts';
import type { ResourceInfo } from '../registry/resources.ts';

export interface AdmissionRequest {
  operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  resource: ResourceInfo;
  subresource?: string;
  namespace?: string;
  name: string;
  /** The incoming object; mutating plugins change it in place. */
  object?: KubeObject;
  oldObject?: KubeObject;
  user: UserInfo;
}

export interface MutatingAdmissionPlugin {
  readonly name: string;
  admit(req: AdmissionRequest): Promise<void>;
}

/** Throws a StatusError to refuse. */
export interface ValidatingAdmissionPlugin {
  readonly name: string;
  validate(req: AdmissionRequest): Promise<void>;
}

export interface AdmissionChain {
  mutating: MutatingAdmissionPlugin[];
  validating: ValidatingAdmissionPlugin[];
}
