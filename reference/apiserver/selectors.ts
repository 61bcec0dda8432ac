/**
 * The selectors list and watch take, as predicates on objects: label
 * selectors through the one implementation in api/label-selector.ts, field
 * selectors (`spec.nodeName=worker-1`) here, since only the api-server
 * knows which fields each kind can be selected on: fields.ParseSelector and
 * each kind's field label conversion (pkg/apis/core/v1/conversion.go), with
 * Kubernetes' messages.
 */
import type { KubeObject } from '../../spec/objects/meta.ts';
import { parseSelector, SelectorError } from '../api/label-selector.ts';
import { errors } from './status.ts';

/** Whether a list or watch includes an object. */
export type ObjectFilter = (obj: KubeObject) => boolean;

/** The labelSelector parameter; one that cannot be parsed is a 400 with Kubernetes' message. */
export function labelSelector(text: string | undefined): ObjectFilter {
  try {
    const selector = parseSelector(text);
    return (obj) => selector.matches(obj.metadata.labels);
  } catch (e) {
    throw e instanceof SelectorError ? errors.badRequest(e.message) : e;
  }
}

/**
 * The field labels each kind converts (pkg/apis/core/v1/conversion.go); a
 * kind that is not listed takes the default, metadata.name and
 * metadata.namespace, with the default's message.
 */
const FIELD_LABELS: Record<string, readonly string[]> = {
  pods: ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName', 'spec.host'],
  nodes: ['metadata.name', 'spec.unschedulable'],
  events: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type', 'metadata.namespace', 'metadata.name'],
  namespaces: ['status.phase', 'metadata.name'],
  secrets: ['type', 'metadata.namespace', 'metadata.name'],
  services: ['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'],
};

function convertFieldLabel(resource: string, label: string): string {
  const supported = Object.hasOwn(FIELD_LABELS, resource) ? FIELD_LABELS[resource] : undefined;
  if (!supported) {
    if (label === 'metadata.name' || label === 'metadata.namespace') return label;
    throw new Error(`"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
  }
  if (!supported.includes(label)) throw new Error(`field label not supported: ${label}`);
  return label === 'spec.host' ? 'spec.nodeName' : label;
}

/** A field's value as the kind's GetAttrs reports it: booleans as "true"/"false", pod IPs joined by commas. */
function fieldValue(obj: KubeObject, label: string): string {
  const source = obj as unknown as Record<string, any>;
  switch (label) {
    case 'spec.unschedulable':
    case 'spec.hostNetwork':
      return String(Boolean(source.spec?.[label.slice(5)]));
    case 'status.podIPs':
      return ((source.status?.podIPs ?? []) as Array<{ ip: string }>).map((p) => p.ip).join(',');
    case 'source':
      return String(source.source?.component ?? '');
  }
  let cur: unknown = obj;
  for (const part of label.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  return cur === undefined || cur === null ? '' : String(cur);
}

/** fields' splitTerms: commas split terms unless escaped with a backslash. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    if (escaped) escaped = false;
    else if (text[i] === '\\') escaped = true;
    else if (text[i] === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** fields.UnescapeValue: `\,` `\=` `\\` are the only escapes; a bare `,` or `=` is refused (Go prints the rune's number). */
function unescapeValue(value: string): string {
  let out = '';
  let escaped = false;
  for (const c of value) {
    if (escaped) {
      if (c !== '\\' && c !== ',' && c !== '=') throw new Error(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      escaped = false;
    } else if (c === '\\') escaped = true;
    else if (c === ',' || c === '=') throw new Error(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (escaped) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** A selector's term after the kind's conversion: the field (its canonical label), = or !=, the unescaped value. */
export interface FieldRequirement {
  key: string;
  negate: boolean;
  value: string;
}

/** Reads a selectable field as selectors compare it: the empty string when absent. */
export function fieldGetter(label: string): (obj: KubeObject) => string {
  return (obj) => fieldValue(obj, label);
}

/** fields.ParseSelector, then the kind's field label conversion; a 400 with Kubernetes' message when either fails. */
export function parseFieldSelector(resource: string, text: string | undefined): FieldRequirement[] {
  if (!text) return [];
  try {
    return splitTerms(text)
      .sort()
      .filter((t) => t !== '')
      .map((term) => {
        // splitTerm: the first position where an operator starts, trying != before == before =.
        for (let at = 0; at < term.length; at++) {
          const op = ['!=', '==', '='].find((o) => term.startsWith(o, at));
          if (op) return { label: term.slice(0, at), negate: op === '!=', value: unescapeValue(term.slice(at + op.length)) };
        }
        throw new Error(`invalid selector: '${text}'; can't understand '${term}'`);
      })
      .map(({ label, negate, value }) => ({ key: convertFieldLabel(resource, label), negate, value }));
  } catch (e) {
    throw errors.badRequest((e as Error).message);
  }
}

export function fieldSelector(resource: string, text: string | undefined): ObjectFilter {
  const reqs = parseFieldSelector(resource, text);
  if (reqs.length === 0) return () => true;
  const checks = reqs.map((r) => ({ ...r, read: fieldGetter(r.key) }));
  return (obj) => checks.every((r) => (r.read(obj) === r.value) !== r.negate);
}

/** The value a field selector requires `field` to equal (`spec.nodeName=worker-1` pins spec.nodeName), if it does. */
export function pinnedValue(reqs: readonly FieldRequirement[], field: string): string | undefined {
  return reqs.find((r) => r.key === field && !r.negate)?.value;
}
