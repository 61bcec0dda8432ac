/**
 * Whether an object, as a server returns it, would load into the models that
 * Kubernetes' generated clients (Python, Java, ...) build from the OpenAPI
 * document: every field the definition marks required is present, every
 * field is one the definition has, and each value has the definition's type
 * (a time is written as kube-apiserver writes it, a quantity is a string, an
 * int-or-string one of the two). Returns one line per problem, with the field's path.
 */
import { definition } from './definition.ts';

/** How kube-apiserver writes times: a Time in UTC to the second, a MicroTime to the microsecond. */
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const jsonType = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

export function schemaProblems(name: string, value: unknown): string[] {
  const problems: string[] = [];
  const expect = (path: string, what: string, v: unknown): void => void problems.push(`${path || '<root>'}: expected ${what}, got ${jsonType(v)} ${JSON.stringify(v)?.slice(0, 60)}`);

  function check(type: string, v: unknown, path: string): void {
    if (v === null || v === undefined) return;
    if (type === 'any') return;
    if (type === 'string' || type === 'bytes') return void (typeof v !== 'string' && expect(path, 'a string', v));
    if (type === 'bool') return void (typeof v !== 'boolean' && expect(path, 'a boolean', v));
    if (type === 'int32' || type === 'int64') return void (!Number.isInteger(v) && expect(path, 'an integer', v));
    if (type === 'float64') return void (typeof v !== 'number' && expect(path, 'a number', v));
    if (type.startsWith('[]')) {
      if (!Array.isArray(v)) return expect(path, 'an array', v);
      return v.forEach((item, i) => check(type.slice(2), item, `${path}[${i}]`));
    }
    if (type.startsWith('map[string]')) {
      if (typeof v !== 'object' || Array.isArray(v)) return expect(path, 'an object', v);
      return Object.entries(v as object).forEach(([k, item]) => check(type.slice(11), item, `${path}[${k}]`));
    }
    const def = definition(type);
    switch (def.scalar) {
      case 'time':
        return void ((typeof v !== 'string' || !TIME.test(v)) && expect(path, 'a time, 2006-01-02T15:04:05Z', v));
      case 'micro-time':
        return void ((typeof v !== 'string' || !MICRO_TIME.test(v)) && expect(path, 'a micro time, 2006-01-02T15:04:05.000000Z', v));
      case 'quantity':
        return void (typeof v !== 'string' && expect(path, 'a quantity string', v));
      case 'int-or-string':
        return void (typeof v !== 'string' && !Number.isInteger(v) && expect(path, 'an integer or a string', v));
      case undefined:
        break;
      default:
        return;
    }
    if (typeof v !== 'object' || Array.isArray(v)) return expect(path, `an object (${type})`, v);
    const fields = def.fields ?? {};
    for (const field of def.required ?? []) {
      if ((v as Record<string, unknown>)[field] === undefined || (v as Record<string, unknown>)[field] === null) problems.push(`${path ? `${path}.` : ''}${field}: required by ${type}, missing`);
    }
    for (const [field, item] of Object.entries(v as Record<string, unknown>)) {
      const at = path ? `${path}.${field}` : field;
      if (!Object.hasOwn(fields, field)) problems.push(`${at}: not a field of ${type}`);
      else check(fields[field]!, item, at);
    }
  }

  check(name, value, '');
  return problems;
}
