/**
 * Decoding a JSON object into a Kubernetes kind the way the api-server's Go
 * decoder (sigs.k8s.io/json, case-sensitive) fills a typed struct:
 * - a value of the wrong JSON type is an error in Go's words,
 *   `json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string`;
 *   the first one is reported, unless a value with its own decoder (a time,
 *   a quantity, an int-or-string) fails first, which stops decoding at once;
 * - a field the kind does not have is dropped, and listed
 *   (`spec.containers[0].bogus`) for fieldValidation to warn or refuse;
 * - times, quantities and base64 bytes come out as the api-server writes them.
 * A patch is decoded the same way as a partial object: its nulls (which
 * delete) are kept, and so are a strategic merge patch's `$` directives.
 * The field types are the facts in spec/openapi/definitions.ts.
 */
import { definition } from '../../../spec/openapi/definition.ts';
import { decodeGoBase64, decodeQuantity } from './go-scalars.ts';
import { parseGoTime, type TimeLayout } from './go-time.ts';

export class DecodeError extends Error {}

/** Sets a key as an own property, so a key named `__proto__` is data, as it is to Go, not the object's prototype. */
const define = (target: Record<string, unknown>, key: string, value: unknown) => {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
};

export interface TypedDecode {
  object: Record<string, unknown>;
  /** Paths of the fields the kind does not have, in the order met. */
  unknownFields: string[];
}

/** Go's name for a field type, as its decoder prints it: `v1.ObjectMeta`, `map[string]string`, `[]uint8`. */
export function goTypeName(type: string): string {
  if (type.startsWith('[]')) return `[]${goTypeName(type.slice(2))}`;
  if (type.startsWith('map[string]')) return `map[string]${goTypeName(type.slice(11))}`;
  if (type === 'bytes') return '[]uint8';
  if (type === 'any') return 'interface {}';
  return type.includes('.') ? type.split('.').slice(-2).join('.') : type;
}

const jsonKind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v);
const INT_RANGE = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] } as const;

/** Where the decoder is: the innermost struct and the JSON field names leading to it (Go's errorContext). */
interface Context {
  struct: string;
  /** The JSON field names from the struct down, joined with dots (built as cons strings: cheap until read). */
  fields: string;
  /** The same path with list indexes, for unknown-field reports. */
  at: string;
}

/** Decodes `body` as the definition `name` (`core.v1.Pod`); throws DecodeError with Go's message. */
export function decodeTyped(name: string, body: Record<string, unknown>, opts: { patch?: 'merge' | 'strategic' } = {}): TypedDecode {
  const unknownFields: string[] = [];
  let saved: string | undefined;
  const typeError = (ctx: Context, value: unknown, type: string, literal = false) => {
    const what = literal ? `number ${String(value)}` : jsonKind(value);
    const where = ctx.fields ? `Go struct field ${ctx.struct}.${ctx.fields}` : 'Go value';
    return `json: cannot unmarshal ${what} into ${where} of type ${goTypeName(type)}`;
  };
  /** Go's saveError: the first type error is kept, decoding goes on. */
  const save = (message: string) => void (saved ??= message);
  /** A value's own UnmarshalJSON failed: Go stops decoding there. */
  const stop = (message: string): never => {
    throw new DecodeError(message);
  };

  const zero = (type: string): unknown => {
    if (type === 'string') return '';
    if (type === 'bool') return false;
    if (type in INT_RANGE || type === 'float64') return 0;
    if (!type.startsWith('[]') && !type.startsWith('map[') && type.includes('.') && definition(type).fields) return {};
    return null;
  };

  function value(type: string, v: unknown, ctx: Context): unknown {
    if (v === null) return opts.patch ? null : undefined;
    if (type === 'any') return v;
    if (type === 'string') return typeof v === 'string' ? v : save(typeError(ctx, v, type));
    if (type === 'bool') return typeof v === 'boolean' ? v : save(typeError(ctx, v, type));
    if (type === 'float64') return typeof v === 'number' ? v : save(typeError(ctx, v, type));
    if (type === 'int32' || type === 'int64') {
      if (typeof v !== 'number') return save(typeError(ctx, v, type));
      const [min, max] = INT_RANGE[type];
      return Number.isInteger(v) && v >= min && v <= max ? v : save(typeError(ctx, v, type, true));
    }
    if (type === 'bytes') {
      if (typeof v !== 'string') return save(typeError(ctx, v, type));
      try {
        return decodeGoBase64(v);
      } catch (e) {
        return save((e as Error).message);
      }
    }
    if (type.startsWith('[]')) {
      if (!Array.isArray(v)) return save(typeError(ctx, v, type));
      const element = type.slice(2);
      return v.map((item, i) => (item === null ? zero(element) : value(element, item, { ...ctx, at: `${ctx.at}[${i}]` })) ?? zero(element));
    }
    if (type.startsWith('map[string]')) {
      if (typeof v !== 'object' || Array.isArray(v)) return save(typeError(ctx, v, type));
      const element = type.slice(11);
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) define(out, k, item === null ? zero(element) : value(element, item, ctx) ?? zero(element));
      return out;
    }
    return named(type, v, ctx);
  }

  function named(type: string, v: unknown, ctx: Context): unknown {
    const def = definition(type);
    switch (def.scalar) {
      case 'time':
      case 'micro-time':
        if (typeof v !== 'string') return stop(typeError(ctx, v, 'string'));
        try {
          return parseGoTime(v, def.scalar as TimeLayout);
        } catch (e) {
          return stop((e as Error).message);
        }
      case 'quantity':
        try {
          return decodeQuantity(v);
        } catch (e) {
          return stop((e as Error).message);
        }
      case 'int-or-string':
        if (typeof v === 'string') return v;
        if (typeof v !== 'number') return stop(typeError(ctx, v, 'int32'));
        return Number.isInteger(v) && v >= INT_RANGE.int32[0] && v <= INT_RANGE.int32[1] ? v : stop(typeError(ctx, v, 'int32', true));
      case undefined:
        break;
      default:
        return v;
    }
    if (typeof v !== 'object' || Array.isArray(v)) return save(typeError(ctx, v, type));
    const struct = type.slice(type.lastIndexOf('.') + 1);
    const out: Record<string, unknown> = {};
    for (const [field, item] of Object.entries(v as Record<string, unknown>)) {
      const at = ctx.at ? `${ctx.at}.${field}` : field;
      if (opts.patch === 'strategic' && field.startsWith('$')) {
        define(out, field, item);
        continue;
      }
      const fieldType = def.fields && Object.hasOwn(def.fields, field) ? def.fields[field] : undefined;
      if (fieldType === undefined) {
        unknownFields.push(at);
        continue;
      }
      const decoded = value(fieldType, item, { struct, fields: ctx.fields ? `${ctx.fields}.${field}` : field, at });
      if (decoded !== undefined) define(out, field, decoded);
    }
    return out;
  }

  const object = named(name, body, { struct: name.slice(name.lastIndexOf('.') + 1), fields: '', at: '' }) as Record<string, unknown>;
  if (saved !== undefined) throw new DecodeError(saved);
  return { object, unknownFields };
}
