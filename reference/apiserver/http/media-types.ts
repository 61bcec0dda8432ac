/**
 * Content-Type and Accept, as kube-apiserver judges them:
 * - a body's type goes through negotiation.NegotiateInputSerializer (empty
 *   means JSON; parameters are parsed as Go's mime.ParseMediaType does), and
 *   anything it cannot decode is a 415 naming what it can;
 * - a PATCH's type is first matched by go-restful against the patch types
 *   Kubernetes knows (`415: Unsupported Media Type`), then against the ones
 *   this server applies;
 * - Accept is matched by go-restful: exact types or `*\/*`, otherwise
 *   `406: Not Acceptable` with the representations on offer.
 */
import { StatusError } from '../../../spec/objects/status.ts';
import type { PatchType } from '../../../spec/adapter.ts';

const status = (code: number, reason: string, message: string, details?: object) =>
  new StatusError({ apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', message, reason, code, ...(details ? { details } : {}) });

/** The body types this server decodes (kube-apiserver also takes protobuf and CBOR). */
const BODY_TYPES = ['application/json', 'application/yaml'] as const;
/** The patch types kube-apiserver routes; all but server-side apply are applied here (kubectl rollout undo sends a JSON patch). */
const KUBERNETES_PATCH_TYPES = ['application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/json-patch+json', 'application/apply-patch+yaml', 'application/apply-patch+cbor'];
const APPLIED_PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
};

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** mime.ParseMediaType, reduced to what negotiation needs: the lower-cased type, or undefined when the header does not parse. */
export function parseMediaType(header: string): string | undefined {
  const [head = '', ...params] = header.split(';');
  const type = head.trim().toLowerCase();
  const [major, minor, extra] = type.split('/');
  if (!major || !TOKEN.test(major) || (minor !== undefined && (!minor || !TOKEN.test(minor))) || extra !== undefined) return undefined;
  for (const param of params) {
    if (!param.trim()) continue;
    const m = /^\s*([^=\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s"]+)\s*$/.exec(param);
    if (!m || !TOKEN.test(m[1]!)) return undefined;
  }
  return type;
}

/** The media type of a create, update or delete body: json or yaml, else a 415. */
export function bodyMediaType(contentType: string | undefined): 'json' | 'yaml' {
  const type = contentType ? parseMediaType(contentType) : 'application/json';
  if (type === 'application/json') return 'json';
  if (type === 'application/yaml') return 'yaml';
  throw status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${BODY_TYPES.join(', ')}`);
}

/** The patch type of a PATCH, or a 415 in go-restful's words (a type Kubernetes never takes) or negotiation's (one this server does not apply). */
export function patchMediaType(contentType: string | undefined): PatchType {
  const routed = (contentType ?? '').split(',').some((part) => KUBERNETES_PATCH_TYPES.includes(part.split(';')[0]!.trim()));
  if (!routed) throw status(415, 'UnsupportedMediaType', '415: Unsupported Media Type', {});
  const semicolon = contentType!.indexOf(';');
  const type = semicolon > 0 ? contentType!.slice(0, semicolon) : contentType!;
  const applied = Object.hasOwn(APPLIED_PATCH_TYPES, type) ? APPLIED_PATCH_TYPES[type] : undefined;
  if (applied) return applied;
  throw status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${Object.keys(APPLIED_PATCH_TYPES).join(', ')}`);
}

/** What a route produces: every answer is JSON; a collection also streams watch events. */
export const PRODUCES = {
  object: ['application/json'],
  collection: ['application/json', 'application/json;stream=watch'],
} as const;

/** go-restful's Route.matchesAccept: some comma-separated entry, without its parameters, is `*\/*` or exactly a produced type. */
export function checkAccept(accept: string | undefined, produces: readonly string[]): void {
  if (!accept) return;
  const entries = accept.split(',').map((e) => e.split(';')[0]!.trim());
  if (entries.some((e) => e === '*/*' || produces.includes(e))) return;
  throw status(406, 'NotAcceptable', `406: Not Acceptable\n\nAvailable representations: ${produces.join(', ')}`, {});
}
