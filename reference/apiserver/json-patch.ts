/**
 * JSON patch (RFC 6902, `application/json-patch+json`): a list of
 * operations on JSON pointers, applied in order, all or nothing. kubectl
 * 1.20's `rollout undo` sends one to put an old ReplicaSet's template back
 * into its Deployment. Errors read as evanphx/json-patch's, which
 * Kubernetes answers with: a malformed patch is 400, an operation that
 * does not apply is 422.
 */
import { StatusError } from '../../spec/objects/status.ts';
import { errors } from './status.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

const isContainer = (v: unknown): v is Json[] | { [k: string]: Json } => typeof v === 'object' && v !== null;

/** `/spec/template` -> ['spec', 'template'], with RFC 6901's ~1 and ~0 escapes. */
function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw errors.badRequest(`json patch: invalid path ${JSON.stringify(pointer)}`);
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** An operation that does not apply: 422, as the api-server answers a patch that cannot be applied. */
const unprocessable = (message: string) =>
  new StatusError({ apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code: 422, reason: 'Invalid', message });
const notApplicable = (op: string, why: string) => unprocessable(`${op} operation does not apply: ${why}`);

/** The container a pointer's last token lives in, and that token. */
function parentOf(doc: Json, path: string, op: string): [Json[] | { [k: string]: Json }, string] {
  const parts = tokens(path);
  const last = parts.pop();
  if (last === undefined) throw notApplicable(op, 'doc is missing path: ""');
  let node: Json = doc;
  for (const part of parts) {
    const next: Json | undefined = Array.isArray(node) ? node[Number(part)] : isContainer(node) ? node[part] : undefined;
    if (next === undefined) throw notApplicable(op, `doc is missing path: ${JSON.stringify(path)}`);
    node = next;
  }
  if (!isContainer(node)) throw notApplicable(op, `doc is missing path: ${JSON.stringify(path)}`);
  return [node, last];
}

function get(doc: Json, path: string, op: string): Json {
  let node: Json = doc;
  for (const part of tokens(path)) {
    const next: Json | undefined = Array.isArray(node) ? node[Number(part)] : isContainer(node) ? node[part] : undefined;
    if (next === undefined) throw notApplicable(op, `doc is missing path: ${JSON.stringify(path)}`);
    node = next;
  }
  return node;
}

function add(doc: Json, path: string, value: Json, op = 'add'): Json {
  if (path === '') return value;
  const [parent, key] = parentOf(doc, path, op);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) throw notApplicable(op, `index out of bounds: ${key}`);
    parent.splice(index, 0, value);
  } else parent[key] = value;
  return doc;
}

function remove(doc: Json, path: string, op = 'remove'): Json {
  const [parent, key] = parentOf(doc, path, op);
  if (Array.isArray(parent)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= parent.length) throw notApplicable(op, `index out of bounds: ${key}`);
    parent.splice(index, 1);
  } else {
    if (!(key in parent)) throw notApplicable(op, `unable to remove nonexistent key: ${key}: missing value`);
    delete parent[key];
  }
  return doc;
}

/** Applies every operation to (a copy of) `target`; nothing of it applies when one fails. */
export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw errors.badRequest('json patch: the patch must be a list of operations');
  let doc = structuredClone(target) as Json;
  for (const raw of patch as unknown[]) {
    if (!isContainer(raw) || Array.isArray(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw errors.badRequest(`json patch: invalid operation ${JSON.stringify(raw)}`);
    }
    const o = raw as unknown as Operation;
    switch (o.op) {
      case 'add':
        doc = add(doc, o.path, structuredClone(o.value ?? null));
        break;
      case 'remove':
        doc = remove(doc, o.path);
        break;
      case 'replace':
        get(doc, o.path, 'replace');
        doc = o.path === '' ? structuredClone(o.value ?? null) : add(remove(doc, o.path, 'replace'), o.path, structuredClone(o.value ?? null), 'replace');
        break;
      case 'move': {
        const value = get(doc, o.from ?? '', 'move');
        doc = add(remove(doc, o.from ?? '', 'move'), o.path, value, 'move');
        break;
      }
      case 'copy':
        doc = add(doc, o.path, structuredClone(get(doc, o.from ?? '', 'copy')), 'copy');
        break;
      case 'test':
        if (JSON.stringify(get(doc, o.path, 'test')) !== JSON.stringify(o.value)) throw unprocessable('testing value ' + o.path + ' failed: test failed');
        break;
      default:
        throw errors.badRequest(`json patch: unexpected operation ${JSON.stringify(o.op)}`);
    }
  }
  return doc;
}
