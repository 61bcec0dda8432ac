/**
 * Status errors in Kubernetes' words (k8s.io/apimachinery/pkg/api/errors),
 * so a user recognises them and a real cluster would answer the same.
 */
import { StatusError, type Status, type StatusCause } from '../../spec/objects/status.ts';
import type { ResourceInfo } from './registry/resources.ts';

function failure(code: number, reason: string, message: string, details?: Status['details']): StatusError {
  return new StatusError({
    apiVersion: 'v1',
    kind: 'Status',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
    ...(details ? { details } : {}),
  });
}

/** "pods" for the core group, "replicasets.apps" for others: how Kubernetes names a GroupResource. */
export function groupResource(r: Pick<ResourceInfo, 'resource' | 'group'>): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

export const errors = {
  notFound: (r: ResourceInfo, name: string) =>
    failure(404, 'NotFound', `${groupResource(r)} "${name}" not found`, { name, group: r.group, kind: r.resource }),
  alreadyExists: (r: ResourceInfo, name: string) =>
    failure(409, 'AlreadyExists', `${groupResource(r)} "${name}" already exists`, { name, group: r.group, kind: r.resource }),
  conflict: (r: ResourceInfo, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again') =>
    failure(409, 'Conflict', `Operation cannot be fulfilled on ${groupResource(r)} "${name}": ${why}`, { name, group: r.group, kind: r.resource }),
  invalid: (r: ResourceInfo, name: string, causes: StatusCause[]) =>
    failure(
      422,
      'Invalid',
      `${r.group ? `${r.kind}.${r.group}` : r.kind} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`,
      { name, group: r.group, kind: r.kind, causes },
    ),
  badRequest: (message: string) => failure(400, 'BadRequest', message),
  unauthorized: () => failure(401, 'Unauthorized', 'Unauthorized'),
  forbidden: (message: string, details?: Status['details']) => failure(403, 'Forbidden', message, details),
  /** 429: try again later (`retryAfterSeconds`, sent as Retry-After when above 0), e.g. an eviction a disruption budget holds back. */
  tooManyRequests: (message: string, retryAfterSeconds: number, causes: StatusCause[] = []) =>
    failure(429, 'TooManyRequests', message, { ...(retryAfterSeconds > 0 ? { retryAfterSeconds } : {}), ...(causes.length ? { causes } : {}) }),
  methodNotSupported: (r: ResourceInfo, verb: string) =>
    failure(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${groupResource(r)}"`),
  notRegistered: (resource: string) => failure(404, 'NotFound', `the server could not find the requested resource (${resource})`),
  expired: (requested: number, oldest: number) => failure(410, 'Expired', `too old resource version: ${requested} (${oldest})`),
  internal: (message: string) => failure(500, 'InternalError', `Internal error occurred: ${message}`),
  /**
   * An etcd error passed through, as the api-server answers an error that is
   * not a Status (responsewriters.ErrorToAPIStatus): 500, reason Unknown (''),
   * etcd's own message, e.g. "etcdserver: request timed out".
   */
  storage: (message: string) => failure(500, '', message),
  /**
   * 504 (NewTimeoutError): by default the request deadline passed (the
   * api-server's timeout filter, WithTimeoutForNonLongRunningRequests; the
   * work may still complete); or the server gave up, after too many
   * conflicts say, and the client may try again after `retryAfterSeconds`.
   */
  timeout: (message = 'request did not complete within the allotted timeout', retryAfterSeconds = 0) =>
    failure(504, 'Timeout', `Timeout: ${message}`, retryAfterSeconds > 0 ? { retryAfterSeconds } : {}),
};
