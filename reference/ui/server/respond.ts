/** Answers of the live view's server: JSON bodies, and Status errors as the api-server sends them. */
import type { ServerResponse } from 'node:http';
import { StatusError } from '../../../spec/objects/status.ts';
import { errors } from '../../apiserver/status.ts';

/** Headers every answer under /ui/ carries: nothing cached, nothing sniffed, never framed. */
export const COMMON_HEADERS = {
  'Cache-Control': 'no-cache, private',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
} as const;

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { ...COMMON_HEADERS, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** 404 for a path under /ui/ that names nothing. */
export const notFoundPath = (path: string) => errors.notRegistered(path);

/** 405 in Kubernetes' words, for a method a path does not take. */
export function methodNotAllowed(method: string, path: string): StatusError {
  return new StatusError({
    apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code: 405, reason: 'MethodNotAllowed',
    message: `the server does not allow this method on the requested resource (${method} ${path})`,
  });
}
