/**
 * A request target as Go's net/http reads it: the path is percent-decoded
 * (a malformed escape refuses the request: `invalid URL escape "%zz"`), the
 * query stays raw for url.Query to read. Kubernetes then splits the decoded
 * path on `/`, so an encoded slash separates segments as a plain one does.
 */
import { errors } from '../status.ts';

export interface RequestUrl {
  /** The decoded path, without a trailing slash (`/` for the root). */
  path: string;
  rawQuery: string;
}

/** url.PathUnescape on bytes; the bad escape Go names, or the text. */
function unescapePath(raw: string): string | { badEscape: string } {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '%') {
      const hex = raw.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return { badEscape: raw.slice(i, i + 3) };
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(raw[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

export function parseRequestUrl(target: string | undefined): RequestUrl {
  let rest = target ?? '/';
  // The absolute form (`GET https://host/path`) names the path after the authority.
  const absolute = /^https?:\/\/[^/?#]*/i.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || '/';
  if (!rest.startsWith('/')) throw errors.badRequest(`parse ${JSON.stringify(target)}: invalid URI for request`);
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const question = rest.indexOf('?');
  const rawPath = question < 0 ? rest : rest.slice(0, question);
  const decoded = unescapePath(rawPath);
  if (typeof decoded !== 'string') throw errors.badRequest(`parse ${JSON.stringify(target)}: invalid URL escape ${JSON.stringify(decoded.badEscape)}`);
  return { path: decoded.replace(/\/+$/, '') || '/', rawQuery: question < 0 ? '' : rest.slice(question + 1) };
}
