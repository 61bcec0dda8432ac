/**
 * Reading an HTTP request: who is asking (bearer token, Impersonate-User /
 * Impersonate-Group) and the body's bytes, within the api-server's 3 MiB
 * limit. A body that is cut off never reaches the api-server: nothing is
 * written from half a request.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { StatusError } from '../../../spec/objects/status.ts';
import type { ApiRequest } from '../request.ts';

/** The api-server's limit on a request body (--max-request-bytes' default, 3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** errors.NewRequestEntityTooLargeError("limit is 3145728"). */
export const bodyTooLarge = () =>
  new StatusError({ apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code: 413, reason: 'RequestEntityTooLarge', message: `Request entity too large: limit is ${MAX_BODY_BYTES}` });

/** The caller's credentials from its headers (also used for requests Node's parser refused). */
export function authFromHeaders(headers: IncomingHttpHeaders): ApiRequest['auth'] {
  const auth: ApiRequest['auth'] = {};
  const header = headers.authorization;
  // Any other scheme (Basic) carries no token, so it is treated like a missing one.
  const bearer = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  if (bearer) auth.token = bearer[1]!.trim();
  return auth;
}

export function authOf(req: IncomingMessage): ApiRequest['auth'] {
  const auth = authFromHeaders(req.headers);
  const user = req.headersDistinct['impersonate-user']?.[0];
  if (user) {
    auth.impersonateUser = user;
    const groups = req.headersDistinct['impersonate-group'] ?? [];
    if (groups.length) auth.impersonateGroups = groups;
  }
  return auth;
}

/**
 * The whole body, or a 413 as soon as it passes the limit (at once when
 * Content-Length says it will). Rejects when the client goes away first.
 */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY_BYTES) throw bodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw bodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  if (!req.complete) throw new Error('the client closed the connection before the body was complete');
  return Buffer.concat(chunks);
}
