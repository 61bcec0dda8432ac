/**
 * field.Error and errors.NewInvalid for the request options kinds
 * (ListOptions, DeleteOptions, CreateOptions...): a 422 Invalid whose message
 * and causes read as kube-apiserver's,
 *   ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: ...
 */
import type { StatusCause } from '../../../spec/objects/status.ts';
import { StatusError } from '../../../spec/objects/status.ts';
import { goQuote } from '../../api/go-strings.ts';

export interface FieldError {
  type: 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueRequired';
  field: string;
  /** ErrorBody(): the message without the field. */
  body: string;
}

/** How field.Error prints a bad value: strings quoted, numbers and booleans bare, anything else as JSON (Go's, so <, > and & escaped). */
function printValue(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

export const fieldError = {
  invalid: (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field, body: `Invalid value: ${printValue(value)}: ${detail}` }),
  notSupported: (field: string, value: unknown, valid: readonly string[], pointer = false): FieldError => ({
    type: 'FieldValueNotSupported',
    field,
    // A pointer's value is printed as JSON, a plain string with %q: for ASCII the two agree.
    body: `Unsupported value: ${pointer ? JSON.stringify(value) : printValue(value)}: supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}`,
  }),
  forbidden: (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, body: `Forbidden: ${detail}` }),
  tooLong: (field: string, max: number): FieldError => ({ type: 'FieldValueTooLong', field, body: `Too long: may not be more than ${max} bytes` }),
  required: (field: string, detail: string): FieldError => ({ type: 'FieldValueRequired', field, body: `Required value: ${detail}` }),
};

/** errors.NewInvalid(schema.GroupKind{Group: "meta.k8s.io", Kind}, "", errs): 422, one cause per error, duplicates folded. */
export function invalidOptions(kind: string, errs: readonly FieldError[]): StatusError {
  const messages = [...new Set(errs.map((e) => `${e.field}: ${e.body}`))];
  const causes: StatusCause[] = errs.map((e) => ({ type: e.type, message: e.body, field: e.field }));
  return new StatusError({
    apiVersion: 'v1',
    kind: 'Status',
    metadata: {},
    status: 'Failure',
    message: `${kind}.meta.k8s.io "" is invalid: ${messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`}`,
    reason: 'Invalid',
    details: { group: 'meta.k8s.io', kind, causes },
    code: 422,
  });
}
