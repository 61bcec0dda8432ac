/**
 * A pod template as Kubernetes hashes it: Go's v1.PodTemplateSpec, decoded
 * from the template's JSON as encoding/json would, printed by go-spew with
 * k8s.io/utils/dump.ForHash's settings (`%#v`, sorted map keys, no pointer
 * addresses). Every struct field is printed, set or not, in the order Go
 * declares it, so the printing needs the Go layout of every type a template
 * can reach: go-pod-template-layout.json, generated from Kubernetes' own
 * types by .ci/pod-template-hash/generate (v1.37.2).
 *
 * The rules of the format, from go-spew's formatState:
 *   a value prints its type in parentheses, except inside a slice or a map
 *   and behind a pointer: (string)web, (*int64)30, (*int64)<nil>
 *   a struct: {Name:(string)web Port:(int32)80}, every field named
 *   a slice: ([]v1.Container)[{...} {...}], a nil one (...)<nil>
 *   a map: (map[string]string)map[app:web tier:front], keys sorted
 *   strings are not quoted; numbers are decimal.
 * Three types decode from JSON in their own way: resource.Quantity
 * (ParseQuantity), intstr.IntOrString and metav1.Time.
 */
import { readFileSync } from 'node:fs';
import { parseQuantity } from './go-quantity.ts';

interface GoField {
  name: string;
  json?: string;
  inline?: boolean;
  type: string;
}
interface GoType {
  kind: string;
  elem?: string;
  key?: string;
  fields?: GoField[];
}

const LAYOUT: Record<string, GoType> = JSON.parse(readFileSync(new URL('./go-pod-template-layout.json', import.meta.url), 'utf8'));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const typed = (type: string, ignoreType: boolean, text: string) => (ignoreType ? text : `(${type})${text}`);

/** Types whose JSON is not their Go fields: what go-spew prints for the decoded value. */
const CUSTOM: Record<string, (json: unknown) => string> = {
  'resource.Quantity': (json) => {
    const q = json === undefined || json === null ? undefined : parseQuantity(String(json));
    const value = q?.value ?? 0;
    const scale = q?.scale ?? 0;
    return `{i:(resource.int64Amount){value:(int64)${value} scale:(resource.Scale)${scale}} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string)${q?.s ?? ''} Format:(resource.Format)${q?.format ?? ''}}`;
  },
  'intstr.IntOrString': (json) =>
    typeof json === 'string' ? `{Type:(intstr.Type)1 IntVal:(int32)0 StrVal:(string)${json}}` : `{Type:(intstr.Type)0 IntVal:(int32)${typeof json === 'number' ? json : 0} StrVal:(string)}`,
  // A template's times are unset (kubectl sends null); a set one would decode to a local time we do not model.
  'v1.Time': () => '{Time:(time.Time){wall:(uint64)0 ext:(int64)0 loc:(*time.Location)<nil>}}',
  'v1.FieldsV1': () => '{Raw:([]uint8)<nil>}',
};

/** Prints the Go value of type `type` that `json` decodes to; ignoreType where go-spew leaves the type out. */
function spew(type: string, json: unknown, ignoreType: boolean): string {
  const t = LAYOUT[type];
  if (!t) throw new Error(`no Go layout for ${type}`);
  if (t.kind === 'ptr') {
    if (json === undefined || json === null) return ignoreType ? '<nil>' : `(${type})<nil>`;
    return (ignoreType ? '<*>' : `(${type})`) + spew(t.elem!, json, true);
  }
  const custom = CUSTOM[type];
  if (custom) return typed(type, ignoreType, custom(json));
  switch (t.kind) {
    case 'struct': {
      const obj = isObject(json) ? json : {};
      const fields = t.fields!.map((f) => `${f.name}:${spew(f.type, f.inline ? obj : f.json ? obj[f.json] : undefined, false)}`);
      return typed(type, ignoreType, `{${fields.join(' ')}}`);
    }
    case 'slice':
      if (!Array.isArray(json)) return typed(type, ignoreType, '<nil>');
      return typed(type, ignoreType, `[${json.map((e) => spew(t.elem!, e, true)).join(' ')}]`);
    case 'map': {
      if (!isObject(json)) return typed(type, ignoreType, '<nil>');
      const keys = Object.keys(json).sort();
      return typed(type, ignoreType, `map[${keys.map((k) => `${spew(t.key!, k, true)}:${spew(t.elem!, json[k], true)}`).join(' ')}]`);
    }
    case 'string':
      return typed(type, ignoreType, typeof json === 'string' ? json : '');
    case 'bool':
      return typed(type, ignoreType, json === true ? 'true' : 'false');
    default:
      // Every integer kind prints in decimal.
      return typed(type, ignoreType, String(typeof json === 'number' ? Math.trunc(json) : 0));
  }
}

/** dump.ForHash(v1.PodTemplateSpec) of a template given as JSON. */
export function spewPodTemplate(template: unknown): string {
  return spew('v1.PodTemplateSpec', template, false);
}
