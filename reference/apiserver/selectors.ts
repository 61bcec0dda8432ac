/**
 * Label and field selectors, as list and watch accept them
 * (`app=web,tier!=db`, `env in (a,b)`, `!legacy`; `spec.nodeName=worker-1`).
 */
import type { KubeObject } from '../../spec/objects/meta.ts';
import { errors } from './status.ts';

export type Requirement =
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

export type Selector = (obj: KubeObject) => boolean;

/** Splits on commas that are not inside parentheses. */
function terms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export function parseLabelSelector(text: string | undefined): Requirement[] {
  if (!text || !text.trim()) return [];
  return terms(text).map((term) => {
    let m: RegExpMatchArray | null;
    if ((m = term.match(/^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      return { key: m[1]!, op: m[2] as 'in' | 'notin', values: m[3]!.split(',').map((v) => v.trim()).filter(Boolean) };
    }
    if ((m = term.match(/^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/))) {
      return { key: m[1]!, op: m[2] === '!=' ? '!=' : '=', value: m[3]! };
    }
    if ((m = term.match(/^!\s*([\w./-]+)$/))) return { key: m[1]!, op: '!exists' };
    if ((m = term.match(/^([\w./-]+)$/))) return { key: m[1]!, op: 'exists' };
    throw errors.badRequest(`unable to parse requirement: invalid label selector "${term}"`);
  });
}

function satisfies(req: Requirement, value: string | undefined): boolean {
  switch (req.op) {
    case '=':
      return value === req.value;
    case '!=':
      return value !== req.value;
    case 'in':
      return value !== undefined && req.values.includes(value);
    case 'notin':
      return value === undefined || !req.values.includes(value);
    case 'exists':
      return value !== undefined;
    case '!exists':
      return value === undefined;
  }
}

export function labelSelector(text: string | undefined): Selector {
  const reqs = parseLabelSelector(text);
  return (obj) => reqs.every((r) => satisfies(r, obj.metadata.labels?.[r.key]));
}

/** The fields each kind can be selected on; everything else is refused, as Kubernetes does. */
const SELECTABLE_FIELDS: Record<string, readonly string[]> = {
  pods: ['spec.nodeName', 'spec.schedulerName', 'status.phase', 'spec.restartPolicy', 'spec.serviceAccountName', 'status.podIP'],
  nodes: ['spec.unschedulable'],
  events: ['involvedObject.kind', 'involvedObject.name', 'involvedObject.namespace', 'involvedObject.uid', 'reason', 'type', 'source'],
  namespaces: ['status.phase'],
  secrets: ['type'],
};

function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  if (path === 'source' && cur && typeof cur === 'object') cur = (cur as { component?: string }).component;
  return cur === undefined || cur === null ? '' : String(cur);
}

export function fieldSelector(resource: string, text: string | undefined): Selector {
  if (!text || !text.trim()) return () => true;
  const allowed = ['metadata.name', 'metadata.namespace', ...(SELECTABLE_FIELDS[resource] ?? [])];
  const reqs = terms(text).map((term) => {
    const m = term.match(/^([\w.]+)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw errors.badRequest(`invalid field selector: "${term}"`);
    if (!allowed.includes(m[1]!)) throw errors.badRequest(`field label not supported: ${m[1]}`);
    return { key: m[1]!, negate: m[2] === '!=', value: m[3]!.trim() };
  });
  return (obj) => reqs.every((r) => (fieldValue(obj, r.key) === r.value) !== r.negate);
}
