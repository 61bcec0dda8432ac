/**
 * Validation every kind shares: the object's shape against its TypeBox
 * schema (spec/objects), its name and namespace, and the field-error
 * helpers, answered with 422 Invalid and one cause per field in
 * Kubernetes' words. Each kind's own rules are in its strategy.
 */
import { Value } from '@sinclair/typebox/value';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import type { StatusCause } from '../../../spec/objects/status.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';

/** How a kind's names are checked (ValidateObjectMeta's nameFn). */
export type NameRule = (field: string, value: string) => StatusCause[];

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const required = (field: string): StatusCause => ({ type: 'FieldValueRequired', field, message: 'Required value' });
/** field.NotSupported: `Unsupported value: "": supported values: "Role", "ClusterRole"`. */
export const notSupported = (field: string, value: string, supported: readonly string[]): StatusCause => ({
  type: 'FieldValueNotSupported',
  field,
  message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((v) => JSON.stringify(v)).join(', ')}`,
});
export const invalid = (field: string, value: unknown, why: string): StatusCause => ({
  type: 'FieldValueInvalid',
  field,
  message: `Invalid value: ${JSON.stringify(value)}: ${why}`,
});

export function validateSubdomain(field: string, value: string): StatusCause[] {
  if (value.length > 253) return [invalid(field, value, 'must be no more than 253 characters')];
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return [invalid(field, value, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")];
  }
  return [];
}

export function validateLabel(field: string, value: string): StatusCause[] {
  if (value.length > 63) return [invalid(field, value, 'must be no more than 63 characters')];
  if (!DNS1123_LABEL.test(value)) {
    return [invalid(field, value, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")];
  }
  return [];
}

/** RBAC objects may be named like `system:kube-scheduler`: any path segment (ValidateRBACName). */
export function validatePathSegment(field: string, value: string): StatusCause[] {
  if (value === '.' || value === '..') return [invalid(field, value, `may not be '${value}'`)];
  for (const bad of ['/', '%']) if (value.includes(bad)) return [invalid(field, value, `may not contain '${bad}'`)];
  return [];
}

/** `/spec/containers/0/image` -> `spec.containers[0].image`, as Kubernetes names fields. */
function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

/** Each schema compiled once: a valid object (nearly every write) is checked without walking the error visitor. */
const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();
function compiledCheck(schema: TSchema): TypeCheck<TSchema> {
  let check = compiled.get(schema);
  if (!check) compiled.set(schema, (check = TypeCompiler.Compile(schema)));
  return check;
}

/** A body's shape against a schema: the outermost problem of each field, named as Kubernetes names fields. */
export function schemaCauses(schema: TSchema, obj: unknown): StatusCause[] {
  if (compiledCheck(schema).Check(obj)) return [];
  const seen = new Set<string>();
  const causes: StatusCause[] = [];
  for (const e of Value.Errors(schema, obj)) {
    const field = fieldPath(e.path) || '<root>';
    if ([...seen].some((s) => field.startsWith(s))) continue; // report the outermost problem only
    seen.add(field);
    causes.push(e.value === undefined ? required(field) : invalid(field, e.value, e.message));
  }
  return causes;
}

/** Causes for an object of a kind: its shape, then its name and namespace (ValidateObjectMeta); empty when it is valid. */
export function validateObject(schema: TSchema, namespaced: boolean, nameRule: NameRule, obj: KubeObject): StatusCause[] {
  const causes = schemaCauses(schema, obj);
  const name = obj.metadata?.name;
  if (!name) causes.push(required('metadata.name'));
  else causes.push(...nameRule('metadata.name', name));
  if (namespaced && !obj.metadata?.namespace) causes.push(required('metadata.namespace'));
  return causes;
}

/** A FieldValueInvalid cause whose bad value is given as Kubernetes prints it (json.Marshal for slices, maps and structs). */
export const invalidValue = (field: string, printed: string, why: string): StatusCause => ({ type: 'FieldValueInvalid', field, message: `Invalid value: ${printed}: ${why}` });

/**
 * A bad value that is not a scalar, as field.Error's ErrorBody prints it:
 * Go's json.Marshal (apimachinery/pkg/util/validation/field/errors.go), which
 * escapes <, > and & and prints a nil slice or map as null.
 */
export const goJson = (value: unknown): string =>
  (JSON.stringify(value ?? null) ?? 'null').replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);

/** `["10.96.0.10"]`: a []string as field.Invalid prints it. */
export const goStrings = (values: readonly string[] | undefined): string => goJson(values);

/** `{"app":"web"}` (keys sorted, as Go marshals maps), or `null`: a map[string]string as field.Invalid prints it. */
export const goStringMap = (map: Readonly<Record<string, string>> | undefined): string =>
  goJson(map === undefined ? null : Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]])));
