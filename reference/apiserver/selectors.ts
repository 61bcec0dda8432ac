/**
 * The selectors list and watch take, as predicates on objects: label
 * selectors through the one implementation in api/label-selector.ts, field
 * selectors (`spec.nodeName=worker-1`) here, since only the api-server
 * knows which fields each kind can be selected on.
 */
import type { KubeObject } from '../../spec/objects/meta.ts';
import { parseSelector, SelectorError } from '../api/label-selector.ts';
import { errors } from './status.ts';

/** Whether a list or watch includes an object. */
export type ObjectFilter = (obj: KubeObject) => boolean;

/**
 * A field selector's terms: field selectors have no sets, so every comma
 * separates, except one escaped with a backslash (fields.EscapeValue
 * escapes `\`, `,` and `=` in values, as kubectl describe does with names).
 */
function terms(text: string): string[] {
  return text.split(/(?<!(?:^|[^\\])(?:\\\\)*\\),/).map((t) => t.trim()).filter(Boolean);
}

/** fields.UnescapeValue. */
const unescape = (value: string) => value.replace(/\\([\\,=])/g, '$1');

/** The labelSelector parameter; one that cannot be parsed is a 400. */
export function labelSelector(text: string | undefined): ObjectFilter {
  try {
    const selector = parseSelector(text);
    return (obj) => selector.matches(obj.metadata.labels);
  } catch (e) {
    throw e instanceof SelectorError ? errors.badRequest(e.message) : e;
  }
}

/** The fields each kind can be selected on; everything else is refused, as Kubernetes does. */
const SELECTABLE_FIELDS: Record<string, readonly string[]> = {
  pods: ['spec.nodeName', 'spec.schedulerName', 'status.phase', 'spec.restartPolicy', 'spec.serviceAccountName', 'status.podIP'],
  nodes: ['spec.unschedulable'],
  events: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  namespaces: ['status.phase'],
  secrets: ['type'],
};

/** Reads a selectable field as selectors compare it: the empty string when absent. */
export function fieldGetter(path: string): (obj: KubeObject) => string {
  const parts = path.split('.');
  return (obj) => {
    let cur: unknown = obj;
    for (const part of parts) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
    if (path === 'source' && cur && typeof cur === 'object') cur = (cur as { component?: string }).component;
    return cur === undefined || cur === null ? '' : String(cur);
  };
}

export interface FieldRequirement {
  key: string;
  negate: boolean;
  value: string;
}

export function parseFieldSelector(resource: string, text: string | undefined): FieldRequirement[] {
  if (!text || !text.trim()) return [];
  const allowed = ['metadata.name', 'metadata.namespace', ...(SELECTABLE_FIELDS[resource] ?? [])];
  return terms(text).map((term) => {
    const m = term.match(/^([\w.]+)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw errors.badRequest(`invalid field selector: "${term}"`);
    if (!allowed.includes(m[1]!)) throw errors.badRequest(`field label not supported: ${m[1]}`);
    return { key: m[1]!, negate: m[2] === '!=', value: unescape(m[3]!.trim()) };
  });
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
