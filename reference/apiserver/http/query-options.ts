/**
 * Query parameters as kube-apiserver reads them: Go's url.Query (a pair with
 * a bad escape or a `;` is dropped), the options kind of each verb
 * (ListOptions for list and watch, GetOptions, CreateOptions...; a parameter
 * another verb would read is ignored), Go's conversions, then the options'
 * validation:
 * - flags: only `0` and `false` (any case) are false; anything else, even
 *   `yes` or an empty value, is true (runtime.Convert_Slice_string_To_bool);
 * - integers: strconv.ParseInt, `strconv.ParseInt: parsing "abc": invalid syntax`;
 * - resourceVersion: strconv.ParseUint;
 * - invalid combinations: 422 Invalid on the options kind.
 */
import type { ListOptions, WatchOptions } from '../../../spec/adapter.ts';
import { equalFoldAscii, goQuote } from '../../api/go-strings.ts';
import { fieldSelector, labelSelector } from '../selectors.ts';
import { errors } from '../status.ts';
import { fieldError, invalidOptions, type FieldError } from './option-errors.ts';

/** The decoded query: every value of each parameter, in order. */
export type GoQuery = ReadonlyMap<string, readonly string[]>;

/** url.QueryUnescape: `+` is a space, `%XX` a byte; undefined when an escape is malformed. */
function queryUnescape(text: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '%') {
      if (!/^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) return undefined;
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+') bytes.push(0x20);
    else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** url.ParseQuery as Request.URL.Query() uses it: malformed pairs are left out, never an error. */
export function goQuery(rawQuery: string): GoQuery {
  const query = new Map<string, string[]>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const key = queryUnescape(eq < 0 ? pair : pair.slice(0, eq));
    const value = queryUnescape(eq < 0 ? '' : pair.slice(eq + 1));
    if (key === undefined || value === undefined) continue;
    query.set(key, [...(query.get(key) ?? []), value]);
  }
  return query;
}

const first = (q: GoQuery, name: string) => q.get(name)?.[0];

/** runtime.Convert_Slice_string_To_bool: absent, `0` and `false` (any case) are false, everything else true. */
export function goFlag(q: GoQuery, name: string): boolean {
  const v = first(q, name);
  return v !== undefined && v !== '0' && !equalFoldAscii(v, 'false');
}

/** The same for an optional flag (*bool): undefined when absent. */
const optionalFlag = (q: GoQuery, name: string) => (q.has(name) ? goFlag(q, name) : undefined);

const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt(v, 10, 64), failing as a 400 with Go's message. */
export function parseInt64(value: string): number {
  if (!/^[+-]?\d+$/.test(value)) throw errors.badRequest(`strconv.ParseInt: parsing ${goQuote(value)}: invalid syntax`);
  const n = BigInt(value);
  if (n > INT64_MAX || n < -INT64_MAX - 1n) throw errors.badRequest(`strconv.ParseInt: parsing ${goQuote(value)}: value out of range`);
  return Number(n);
}

const optionalInt = (q: GoQuery, name: string) => {
  const v = first(q, name);
  return v === undefined ? undefined : parseInt64(v);
};

/** APIObjectVersioner.ParseResourceVersion: empty or "0" means any; otherwise an unsigned integer. Returns the field error's text. */
export function resourceVersionError(rv: string | undefined): string | undefined {
  if (rv === undefined || rv === '' || rv === '0') return undefined;
  const why = !/^\d+$/.test(rv) ? 'invalid syntax' : BigInt(rv) > UINT64_MAX ? 'value out of range' : undefined;
  return why && `resourceVersion: Invalid value: ${goQuote(rv)}: strconv.ParseUint: parsing ${goQuote(rv)}: ${why}`;
}

export interface ListQuery {
  watch: boolean;
  /** What the registry reads. */
  options: ListOptions & WatchOptions;
  /** timeoutSeconds as sent: a watch ends after it; 0 or absent means the server's default, a negative one at once. */
  timeoutSeconds?: number;
}

/** ListOptions, for a GET of a collection (a list, or a watch with `watch`). */
export function listQuery(q: GoQuery, resource: string): ListQuery {
  const watch = goFlag(q, 'watch');
  // Conversion from the query, in ListOptions' field order: the integers first, then the selectors.
  const timeoutSeconds = optionalInt(q, 'timeoutSeconds');
  const limit = optionalInt(q, 'limit') ?? 0;
  const labels = first(q, 'labelSelector') ?? '';
  const fields = first(q, 'fieldSelector') ?? '';
  labelSelector(labels);
  const rv = first(q, 'resourceVersion') ?? '';
  const match = first(q, 'resourceVersionMatch') ?? '';
  const cont = first(q, 'continue') ?? '';
  const sendInitialEvents = optionalFlag(q, 'sendInitialEvents');

  // metainternalversion validation.ValidateListOptions.
  const errs: FieldError[] = [];
  if (watch) {
    if (sendInitialEvents !== undefined) {
      if (match !== 'NotOlderThan') errs.push(fieldError.forbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
      // This server streams no initial-events-end bookmark: it answers as a kube-apiserver without the WatchList feature.
      errs.push(fieldError.forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled'));
    }
    if (match) {
      if (sendInitialEvents === undefined) errs.push(fieldError.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
      if (match !== 'NotOlderThan') errs.push(fieldError.notSupported('resourceVersionMatch', match, ['NotOlderThan']));
      if (cont) errs.push(fieldError.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    }
  } else {
    if (match) {
      if (!rv) errs.push(fieldError.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
      if (cont) errs.push(fieldError.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
      if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(fieldError.notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
      if (match === 'Exact' && rv === '0') errs.push(fieldError.forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    }
    if (sendInitialEvents !== undefined) errs.push(fieldError.forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  }
  if (errs.length) throw invalidOptions('ListOptions', errs);
  fieldSelector(resource, fields);
  // The storage layer reads the resourceVersion last; a watch's refusal is a 500 in kube-apiserver, a 400 here.
  const rvError = resourceVersionError(rv);
  if (rvError) throw errors.badRequest(watch ? rvError : `invalid resource version: ${rvError}`);

  const options: ListOptions & WatchOptions = {};
  if (labels) options.labelSelector = labels;
  if (fields) options.fieldSelector = fields;
  if (rv) options.resourceVersion = rv;
  if (cont) options.continue = cont;
  if (limit > 0) options.limit = limit;
  if (goFlag(q, 'allowWatchBookmarks')) options.allowWatchBookmarks = true;
  return { watch, options, ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}) };
}

/** GetOptions: only resourceVersion, which must be a version (kube-apiserver answers 500 to garbage; this server 400). */
export function getQuery(q: GoQuery): { resourceVersion?: string } {
  const rv = first(q, 'resourceVersion');
  const rvError = resourceVersionError(rv);
  if (rvError) throw errors.badRequest(rvError);
  return rv ? { resourceVersion: rv } : {};
}

const FIELD_VALIDATION = ['', 'Ignore', 'Strict', 'Warn'] as const;
export type FieldValidation = 'Ignore' | 'Strict' | 'Warn';

function validateDryRun(q: GoQuery, errs: FieldError[]): boolean {
  const dryRun = q.get('dryRun') ?? [];
  if (!dryRun.every((v) => v === 'All')) errs.push({ type: 'FieldValueNotSupported', field: 'dryRun', body: `Unsupported value: ${JSON.stringify(dryRun)}: supported values: "All"` });
  return dryRun.length > 0;
}

/** CreateOptions, UpdateOptions, PatchOptions: dryRun, fieldManager, fieldValidation (and force, for apply only). */
export function writeQuery(q: GoQuery, verb: 'create' | 'update' | 'patch'): { fieldValidation: FieldValidation } {
  const force = verb === 'patch' ? optionalFlag(q, 'force') : undefined;
  const errs: FieldError[] = [];
  if (force !== undefined) errs.push(fieldError.forbidden('force', 'may not be specified for non-apply patch'));
  const manager = first(q, 'fieldManager') ?? '';
  if (Buffer.byteLength(manager) > 128) errs.push(fieldError.tooLong('fieldManager', 128));
  let position = 0;
  for (const ch of manager) {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) {
      const cp = ch.codePointAt(0)!;
      errs.push(fieldError.invalid('fieldManager', manager, `invalid character U+${cp.toString(16).toUpperCase().padStart(4, '0')} (at position ${position})`));
    }
    position += Buffer.byteLength(ch);
  }
  const dryRun = validateDryRun(q, errs);
  const validation = first(q, 'fieldValidation') ?? '';
  if (!(FIELD_VALIDATION as readonly string[]).includes(validation)) errs.push(fieldError.notSupported('fieldValidation', validation, FIELD_VALIDATION));
  if (errs.length) throw invalidOptions(`${verb[0]!.toUpperCase()}${verb.slice(1)}Options`, errs);
  if (dryRun) throw errors.badRequest('dryRun is not supported by this server');
  return { fieldValidation: (validation || 'Warn') as FieldValidation };
}

export interface DeleteQuery {
  gracePeriodSeconds?: number;
  propagationPolicy?: string;
  orphanDependents?: boolean;
  dryRun?: readonly string[];
}

/** DeleteOptions from the query, when the request has no body. */
export function deleteQuery(q: GoQuery): DeleteQuery {
  const gracePeriodSeconds = optionalInt(q, 'gracePeriodSeconds');
  const orphanDependents = optionalFlag(q, 'orphanDependents');
  const propagationPolicy = first(q, 'propagationPolicy');
  return {
    ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}),
    ...(orphanDependents !== undefined ? { orphanDependents } : {}),
    ...(propagationPolicy !== undefined ? { propagationPolicy } : {}),
    ...(q.has('dryRun') ? { dryRun: q.get('dryRun')! } : {}),
  };
}

/** validation.ValidateDeleteOptions, then this server's own limit: no dry runs. */
export function validateDeleteOptions(opts: DeleteQuery): void {
  const errs: FieldError[] = [];
  if (opts.orphanDependents !== undefined && opts.propagationPolicy !== undefined) errs.push(fieldError.invalid('propagationPolicy', opts.propagationPolicy, 'orphanDependents and deletionPropagation cannot be both set'));
  if (opts.propagationPolicy !== undefined && !['Foreground', 'Background', 'Orphan'].includes(opts.propagationPolicy)) {
    errs.push(fieldError.notSupported('propagationPolicy', opts.propagationPolicy, ['Foreground', 'Background', 'Orphan', 'nil'], true));
  }
  const dryRun = opts.dryRun ?? [];
  if (!dryRun.every((v) => v === 'All')) errs.push({ type: 'FieldValueNotSupported', field: 'dryRun', body: `Unsupported value: ${JSON.stringify(dryRun)}: supported values: "All"` });
  if (errs.length) throw invalidOptions('DeleteOptions', errs);
  if (dryRun.length) throw errors.badRequest('dryRun is not supported by this server');
}
