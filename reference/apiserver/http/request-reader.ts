/**
 * Reading an HTTP request into the parts of an ApiRequest: who is asking
 * (bearer token, Impersonate-User / Impersonate-Group), the query options,
 * and the body. Malformed input becomes a 400/413/415 Status, never a crash.
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { PatchType } from '../../../spec/adapter.ts';
import { StatusError } from '../../../spec/objects/status.ts';
import type { ApiRequest } from '../request.ts';
import { errors } from '../status.ts';

/** The api-server's own limit on a request body (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function authOf(req: IncomingMessage): ApiRequest['auth'] {
  const auth: ApiRequest['auth'] = {};
  const header = req.headers.authorization;
  // Any other scheme (Basic) carries no token, so it is treated like a missing one.
  const bearer = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  if (bearer) auth.token = bearer[1]!.trim();
  const user = req.headersDistinct['impersonate-user']?.[0];
  if (user) {
    auth.impersonateUser = user;
    const groups = req.headersDistinct['impersonate-group'] ?? [];
    if (groups.length) auth.impersonateGroups = groups;
  }
  return auth;
}

function integer(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw errors.badRequest(`invalid value for ${name}: ${JSON.stringify(raw)}: must be a non-negative integer`);
  return n;
}

function flag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  return v === 'true' || v === '1';
}

/** List, watch and delete options from the query string, under their Kubernetes names. */
export function optionsOf(query: URLSearchParams): NonNullable<ApiRequest['options']> & { watch: boolean; timeoutSeconds?: number } {
  const opts: NonNullable<ApiRequest['options']> & { watch: boolean; timeoutSeconds?: number } = { watch: flag(query, 'watch') };
  for (const name of ['labelSelector', 'fieldSelector', 'continue', 'resourceVersion'] as const) {
    const v = query.get(name);
    if (v !== null && v !== '') opts[name] = v;
  }
  const limit = integer(query, 'limit');
  if (limit) opts.limit = limit;
  const timeoutSeconds = integer(query, 'timeoutSeconds');
  if (timeoutSeconds !== undefined) opts.timeoutSeconds = timeoutSeconds;
  const grace = integer(query, 'gracePeriodSeconds');
  if (grace !== undefined) opts.gracePeriodSeconds = grace;
  if (flag(query, 'allowWatchBookmarks')) opts.allowWatchBookmarks = true;
  if (query.has('dryRun')) throw errors.badRequest('dryRun is not supported by this server');
  return opts;
}

/** PATCH media types the api-server accepts; server-side apply is refused with 415. */
export function patchTypeOf(contentType: string | undefined): PatchType {
  const type = (contentType ?? '').split(';')[0]!.trim();
  if (type === 'application/merge-patch+json') return 'merge';
  if (type === 'application/strategic-merge-patch+json') return 'strategic';
  if (type === 'application/json-patch+json') return 'json';
  throw new StatusError({
    apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code: 415, reason: 'UnsupportedMediaType',
    message: `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`,
  });
}

/** The request body as JSON (or YAML, which kubectl never sends but curl users might); undefined when empty. */
export async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new StatusError({ apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code: 413, reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728' });
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return undefined;
  const yaml = /yaml/.test(req.headers['content-type'] ?? '');
  try {
    return yaml ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw errors.badRequest(`the body of the request could not be decoded: ${(e as Error).message.split('\n')[0]}`);
  }
}

/**
 * A create or update body as Go decodes it into typed objects: a field sent
 * as `null` is the field left out (kubectl sends `creationTimestamp: null`
 * in every object it builds). Merge patches keep their nulls, which delete.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}
