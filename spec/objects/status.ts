/**
 * metav1.Status: the one shape every API error takes, in process and over HTTP.
 * Reasons and codes are Kubernetes' own (k8s.io/apimachinery/pkg/api/errors).
 */
import { Type, type Static } from '@sinclair/typebox';

export const StatusCause = Type.Object({
  type: Type.Optional(Type.String()), // e.g. FieldValueRequired, FieldValueInvalid
  message: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
});
export type StatusCause = Static<typeof StatusCause>;

export const Status = Type.Object({
  apiVersion: Type.Literal('v1'),
  kind: Type.Literal('Status'),
  metadata: Type.Object({}),
  status: Type.Union([Type.Literal('Success'), Type.Literal('Failure')]),
  message: Type.String(),
  reason: Type.String(),
  code: Type.Integer(),
  details: Type.Optional(
    Type.Object({
      name: Type.Optional(Type.String()),
      group: Type.Optional(Type.String()),
      kind: Type.Optional(Type.String()),
      causes: Type.Optional(Type.Array(StatusCause)),
      retryAfterSeconds: Type.Optional(Type.Integer()),
    }),
  ),
});
export type Status = Static<typeof Status>;

/**
 * What a DELETE answers when the resource's registry does not return the
 * deleted object (Store.finalizeDelete in
 * k8s.io/apiserver/pkg/registry/generic/registry/store.go): a Status
 * Success naming what was deleted, with no code, reason or message.
 * `details.kind` is the resource's plural ("configmaps"), as Kubernetes
 * sets it; `group` is left out for the core group, as Go's omitempty does.
 */
export const DeleteStatus = Type.Object({
  apiVersion: Type.Literal('v1'),
  kind: Type.Literal('Status'),
  metadata: Type.Object({}),
  status: Type.Literal('Success'),
  details: Type.Object({
    name: Type.String(),
    group: Type.Optional(Type.String()),
    kind: Type.String(),
    uid: Type.Optional(Type.String()),
  }),
});
export type DeleteStatus = Static<typeof DeleteStatus>;

/** Tells a DELETE's Status Success from the deleted object some resources answer with instead. */
export function isDeleteStatus(answer: { kind?: unknown }): answer is DeleteStatus {
  return answer.kind === 'Status';
}

/**
 * On the wire a cause's type travels under the key `reason`
 * (metav1.StatusCause's `Type CauseType json:"reason"`); in process it is
 * `type`. These two convert at the HTTP boundary.
 */
export function statusToWire(status: Status): Record<string, unknown> {
  const causes = status.details?.causes;
  if (!causes) return status;
  return { ...status, details: { ...status.details, causes: causes.map(({ type, ...rest }) => ({ ...(type !== undefined ? { reason: type } : {}), ...rest })) } };
}

export function statusFromWire(body: Status): Status {
  const causes = body.details?.causes as Array<StatusCause & { reason?: string }> | undefined;
  if (!causes) return body;
  return { ...body, details: { ...body.details, causes: causes.map(({ reason, ...rest }) => ({ ...rest, ...(reason !== undefined ? { type: reason } : {}) })) } };
}

/** Thrown by every ApiClient for a non-2xx answer; carries the Status body. */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
    this.name = 'StatusError';
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): string {
    return this.status.reason;
  }
}

export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'StatusError');
}

/** The Status reason of an API error (k8s.io/apimachinery/pkg/api/errors.ReasonForError); undefined for anything else. */
export function reasonOf(e: unknown): string | undefined {
  return isStatusError(e) ? e.status.reason : undefined;
}

/** errors.IsNotFound: the object (or its namespace) does not exist. */
export const isNotFound = (e: unknown): e is StatusError => reasonOf(e) === 'NotFound';
/** errors.IsConflict: a stale resourceVersion, or a write that lost a race. */
export const isConflict = (e: unknown): e is StatusError => reasonOf(e) === 'Conflict';
/** errors.IsForbidden: authorization refused the request (403). */
export const isForbidden = (e: unknown): e is StatusError => reasonOf(e) === 'Forbidden';
/** errors.IsAlreadyExists: a create of a name that is taken. */
export const isAlreadyExists = (e: unknown): e is StatusError => reasonOf(e) === 'AlreadyExists';

/**
 * errors.HasStatusCause(err, NamespaceTerminatingCause): a create refused
 * because its namespace is being deleted. Controllers drop such work, as
 * every creation there will fail. (Kubernetes' JSON carries a cause's type
 * as `reason`; both spellings are read.)
 */
export const isNamespaceTerminating = (e: unknown): e is StatusError =>
  isStatusError(e) && (e.status.details?.causes ?? []).some((c) => (c.type ?? (c as { reason?: string }).reason) === 'NamespaceTerminating');

/**
 * client-go's retry.RetryOnConflict with retry.DefaultRetry's 5 steps: runs
 * `fn` (which should read the object afresh each time) again while it fails
 * with a Conflict, and gives up after `attempts`, throwing the last error.
 * Any other error is thrown at once.
 */
export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= attempts || !isConflict(e)) throw e;
    }
  }
}
