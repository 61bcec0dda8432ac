/**
 * The live view's endpoints take small JSON objects ({"name"}, {"image"}).
 * They are read as the API reads a body: within the 3 MiB limit (413 past
 * it), nothing from a body cut off, and Go's syntax check first, so a
 * malformed or absurdly nested body is a 400 Status, never a crash.
 */
import type { IncomingMessage } from 'node:http';
import { errors } from '../../apiserver/status.ts';
import { goJsonSyntaxError } from '../../apiserver/http/go-json-syntax.ts';
import { readBody } from '../../apiserver/http/request-reader.ts';

/** The body's JSON value, or undefined for an empty body. */
export async function jsonBodyOf(req: IncomingMessage): Promise<unknown> {
  const bytes = await readBody(req);
  if (!bytes.toString('utf8').trim()) return undefined;
  const syntax = goJsonSyntaxError(bytes);
  if (syntax) throw errors.badRequest(`the body of the request could not be decoded: ${syntax}`);
  return JSON.parse(bytes.toString('utf8')) as unknown;
}
