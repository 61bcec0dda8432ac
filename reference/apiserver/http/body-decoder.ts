/**
 * The api-server's decode step for a request body (handlers/create.go,
 * update.go; runtime/serializer/json), in its own words:
 *  1. YAML becomes JSON; JSON must be well formed (Go's syntax errors, at most
 *     10,000 levels deep);
 *  2. apiVersion and kind are read, and default to the resource's;
 *  3. a different kind or version is refused (`Pod in version "v1" cannot be
 *     handled as a ConfigMap: ...`);
 *  4. the body is decoded into the kind's typed fields: wrong JSON types are
 *     refused, unknown fields dropped (fieldValidation=Strict refuses them,
 *     Warn, the default, answers with a warning).
 * Every refusal is a 400 BadRequest Status.
 */
import { parseAllDocuments } from 'yaml';
import { definitionOf } from '../../../spec/openapi/definition.ts';
import type { PatchType } from '../../../spec/adapter.ts';
import { StatusError } from '../../../spec/objects/status.ts';
import { equalFoldAscii } from '../../api/go-strings.ts';
import { RESOURCES, type ResourceInfo } from '../registry/resources.ts';
import { errors } from '../status.ts';
import { goJsonSyntaxError } from './go-json-syntax.ts';
import { dropUnreadableManagedFields } from './managed-fields.ts';
import { MAX_YAML_DEPTH, yamlNestingBound } from './yaml-depth.ts';
import { DecodeError, decodeTyped } from './typed-decode.ts';

/** The kind a body must be: `{ group: '', version: 'v1', kind: 'Pod' }`. */
export interface BodyKind {
  group: string;
  version: string;
  kind: string;
  /** An options kind (DeleteOptions), which every group registers in its version: `{"kind":"DeleteOptions","apiVersion":"v1"}` is read in any group. */
  options?: boolean;
  /** Older versions of the group the scheme still converts from, though no resource serves them. */
  convertsFrom?: readonly string[];
}

/** Kinds the scheme registers for subresources' bodies: they convert to no resource's kind. */
const SUBRESOURCE_KINDS: BodyKind[] = [
  { group: '', version: 'v1', kind: 'Binding' },
  { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  // policy/v1beta1 stays in kube-apiserver's scheme (pkg/apis/policy/install): kubectl before 1.22 evicts with it.
  { group: 'policy', version: 'v1', kind: 'Eviction', convertsFrom: ['v1beta1'] },
];

/** The kind a body must be for a resource or one of its subresources. */
export function bodyKindOf(info: ResourceInfo, subresource: string | undefined): BodyKind {
  if (subresource === 'binding') return SUBRESOURCE_KINDS[0]!;
  if (subresource === 'scale') return SUBRESOURCE_KINDS[1]!;
  if (subresource === 'eviction') return SUBRESOURCE_KINDS[2]!;
  return { group: info.group, version: info.version, kind: info.kind };
}

export interface DecodedBody {
  object: Record<string, unknown>;
  /** Warning headers' texts, e.g. `unknown field "spec.foo"`. */
  warnings: string[];
}

export interface DecodeOptions {
  yaml?: boolean;
  /** fieldValidation: Strict refuses unknown fields, Warn (the default) warns, Ignore drops them silently. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /**
   * DeleteOptions and other option bodies report the decoder's error bare;
   * objects wrap it the way handlers' transformDecodeError does. @default true
   */
  wrapErrors?: boolean;
}

/** The scheme's name in kube-apiserver's "no kind is registered" errors. */
const SCHEME = 'pkg/runtime/scheme.go:111';
/** The internal API package a kind converts to, for "converting (v1.Pod) to (core.ConfigMap)". */
const internalPackage = (group: string) => (group === '' ? 'core' : group.split('.')[0]!);

/** handlers' summarizeData: an object's first 30 bytes as text, anything else in hex. */
function summarize(body: Buffer): string {
  if (body.length === 0) return '<empty>';
  const head = body.subarray(0, 30);
  const text = body[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return body.length > 30 ? `${text} ...` : text;
}


/** The refusal of a body whose kind cannot be told, with the start of the body as kube-apiserver quotes it. */
function unrecognizedBody(target: BodyKind, opts: DecodeOptions, summary: () => string) {
  return (message: string): StatusError =>
    errors.badRequest((opts.wrapErrors ?? true) ? `the object provided is unrecognized (must be of type ${target.kind}): ${message} (${summary()})` : message);
}

export function decodeBody(body: Buffer, target: BodyKind, opts: DecodeOptions = {}): DecodedBody {
  const unrecognized = unrecognizedBody(target, opts, () => summarize(body));

  let json = body;
  if (opts.yaml) {
    if (yamlNestingBound(body.toString('utf8')) > MAX_YAML_DEPTH) throw unrecognized(`yaml: exceeded max depth of ${MAX_YAML_DEPTH}`);
    let docs;
    try {
      docs = parseAllDocuments(body.toString('utf8'), { version: '1.1', uniqueKeys: false });
      const first = Array.isArray(docs) ? docs[0] : docs;
      const error = first?.errors[0];
      if (error) throw error;
      json = Buffer.from(JSON.stringify(first ? first.toJS({ maxAliasCount: 100 }) ?? null : null));
    } catch (e) {
      throw unrecognized(`yaml: ${(e as Error).message.split('\n')[0]}`);
    }
  }

  const syntax = goJsonSyntaxError(json);
  if (syntax) throw unrecognized(`couldn't get version/kind; json parse error: ${syntax}`);
  return decodeValue(JSON.parse(json.toString('utf8')) as unknown, target, opts, () => summarize(body));
}

/**
 * A body already read as JSON (the in-process client's, serialized and read
 * back, so its syntax needs no check): kube-apiserver's decode from
 * meta.Interpret on, its kind, then its fields' types.
 */
export function decodeValue(parsed: unknown, target: BodyKind, opts: DecodeOptions = {}, summary = () => summarize(Buffer.from(JSON.stringify(parsed) ?? ''))): DecodedBody {
  const wrap = opts.wrapErrors ?? true;
  const unrecognized = unrecognizedBody(target, opts, summary);

  // meta.Interpret: apiVersion and kind, read case-insensitively into Go strings.
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    const what = Array.isArray(parsed) ? 'array' : typeof parsed === 'boolean' ? 'bool' : typeof parsed;
    throw unrecognized(`couldn't get version/kind; json parse error: json: cannot unmarshal ${what} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  }
  const object = (parsed ?? {}) as Record<string, unknown>;
  const read: { apiVersion?: string; kind?: string } = {};
  for (const [key, value] of Object.entries(object)) {
    const field = (['apiVersion', 'kind'] as const).find((f) => equalFoldAscii(key, f));
    if (!field || value === null) continue;
    if (typeof value !== 'string') {
      const what = Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value === 'boolean' ? 'bool' : typeof value;
      throw unrecognized(`couldn't get version/kind; json parse error: json: cannot unmarshal ${what} into Go struct field .${field} of type string`);
    }
    read[field] = value;
  }
  const apiVersion = read.apiVersion ?? '';
  if ((apiVersion.match(/\//g) ?? []).length > 1) throw unrecognized(`unexpected GroupVersion string: ${apiVersion}`);
  let [group, version] = apiVersion === '/' || apiVersion === '' ? ['', ''] : apiVersion.includes('/') ? apiVersion.split('/') as [string, string] : ['', apiVersion];
  // gvkWithDefaults: what the body leaves out comes from the resource.
  const kind = read.kind || target.kind;
  if (!version && (!group || group === target.group)) [group, version] = [target.group, target.version];
  if (target.options && version === target.version) group = target.group;

  const handledAs = (message: string) => errors.badRequest(wrap ? `${kind} in version "${version}" cannot be handled as a ${target.kind}: ${message}` : message);
  const sameVersion = version === target.version || (target.convertsFrom?.includes(version) ?? false);
  if (group !== target.group || !sameVersion || kind !== target.kind) {
    const served = [...RESOURCES.values(), ...SUBRESOURCE_KINDS].some((r) => r.group === group && r.version === version && r.kind === kind);
    const groupVersion = group ? `${group}/${version}` : version;
    throw handledAs(
      served
        ? `converting (${version}.${kind}) to (${internalPackage(target.group)}.${target.kind}): unknown conversion`
        : `no kind "${kind}" is registered for version "${groupVersion}" in scheme "${SCHEME}"`,
    );
  }

  const apiVersionOut = target.group ? `${target.group}/${target.version}` : target.version;
  const name = definitionOf(target.options ? target.version : apiVersionOut, target.kind);
  if (!name) throw errors.internal(`no schema for ${target.kind}`);
  let typed;
  try {
    typed = decodeTyped(name, object);
  } catch (e) {
    if (e instanceof DecodeError) throw handledAs(e.message);
    throw e;
  }
  const unknown = typed.unknownFields.map((f) => `unknown field "${f}"`);
  if (opts.fieldValidation === 'Strict' && unknown.length) throw handledAs(`strict decoding error: ${unknown.join(', ')}`);
  dropUnreadableManagedFields(typed.object);
  const { apiVersion: _apiVersion, kind: _kind, ...fields } = typed.object;
  return {
    object: { apiVersion: apiVersionOut, kind: target.kind, ...fields },
    warnings: opts.fieldValidation === 'Ignore' ? [] : unknown,
  };
}

/**
 * A JSON merge patch or strategic merge patch body (handlers/patch.go): it must
 * be well-formed JSON (`invalid JSON patch`) and an object; its fields are
 * type-checked as a partial object, and a wrong type is a 422 Invalid on
 * `patch`, as kube-apiserver reports a patch whose result does not decode.
 * (Its message quotes the patched object; this one quotes the patch, which
 * is all the decode step sees.)
 */
export function decodePatch(body: Buffer, target: BodyKind, patchType: PatchType, fieldValidation: DecodeOptions['fieldValidation'] = 'Warn'): DecodedBody {
  if (goJsonSyntaxError(body)) throw errors.badRequest('invalid JSON patch');
  const parsed = JSON.parse(body.toString('utf8')) as unknown;
  // A JSON patch (RFC 6902) is a list of operations, applied to the stored object's JSON before it is decoded again.
  if (patchType === 'json') {
    if (!Array.isArray(parsed)) throw errors.badRequest(`json: cannot unmarshal ${parsed === null ? 'null' : typeof parsed === 'object' ? 'object' : typeof parsed} into Go value of type jsonpatch.Patch`);
    return { object: parsed as never, warnings: [] };
  }
  if (parsed === null) {
    if (patchType === 'merge') throw errors.badRequest('Invalid JSON Patch');
    return { object: {}, warnings: [] };
  }
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    const what = Array.isArray(parsed) ? 'array' : typeof parsed === 'boolean' ? 'bool' : typeof parsed;
    throw errors.badRequest(`${patchType === 'merge' ? 'error decoding patch: ' : ''}json: cannot unmarshal ${what} into Go value of type map[string]interface {}`);
  }
  const name = definitionOf(target.group ? `${target.group}/${target.version}` : target.version, target.kind);
  if (!name) throw errors.internal(`no schema for ${target.kind}`);
  const invalidPatch = (detail: string) =>
    new StatusError({
      apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code: 422, reason: 'Invalid',
      message: ` "" is invalid: patch: Invalid value: ${JSON.stringify(body.toString('utf8'))}: ${detail}`,
      details: { causes: [{ type: 'FieldValueInvalid', field: 'patch', message: `Invalid value: ${JSON.stringify(body.toString('utf8'))}: ${detail}` }] },
    });
  let typed;
  try {
    typed = decodeTyped(name, parsed as Record<string, unknown>, { patch: patchType });
  } catch (e) {
    if (e instanceof DecodeError) throw invalidPatch(e.message);
    throw e;
  }
  const unknown = typed.unknownFields.map((f) => `unknown field "${f}"`);
  if (fieldValidation === 'Strict' && unknown.length) throw invalidPatch(`strict decoding error: ${unknown.join(', ')}`);
  dropUnreadableManagedFields(typed.object);
  return { object: typed.object, warnings: fieldValidation === 'Ignore' ? [] : unknown };
}
