/**
 * The page itself: index.html and app.css as they are in page/, and
 * app.js bundled by esbuild from page/main.ts with everything it imports
 * (lit-html from node_modules, the shared timeline drawing, the model),
 * once, when first asked for. Nothing is fetched from elsewhere, at build
 * or at run time; a Content-Security-Policy lets the page load only its
 * own files and talk only to this server.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import { errors } from '../../apiserver/status.ts';
import { COMMON_HEADERS } from './respond.ts';
import { methodNotAllowed, notFoundPath } from './respond.ts';

const PAGE_DIR = path.resolve(import.meta.dirname, '../page');

export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Browsers of the last two years: what `npm test` drives (Chromium) and Firefox. */
const TARGETS = ['chrome110', 'firefox110', 'safari16'];

let script: Promise<string> | undefined;

/** The page's script, bundled once per process. */
export function pageScript(): Promise<string> {
  script ??= build({
    entryPoints: [path.join(PAGE_DIR, 'main.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: TARGETS,
    minify: true,
    legalComments: 'eof',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  script.catch(() => (script = undefined));
  return script;
}

const FILES: Record<string, { file?: string; type: string }> = {
  '/ui/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/ui/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  '/ui/app.js': { type: 'text/javascript; charset=utf-8' },
};

/** Serves a file of the page; public, like any sign-in page: it holds no cluster data. */
export async function serveAsset(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const entry = FILES[pathname];
  if (!entry) throw notFoundPath(pathname);
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req.method ?? '', pathname);
  let body: string;
  try {
    body = entry.file ? await readFile(path.join(PAGE_DIR, entry.file), 'utf8') : await pageScript();
  } catch (e) {
    throw errors.internal(`the page could not be built: ${(e as Error).message.split('\n')[0]}`);
  }
  res.writeHead(200, {
    ...COMMON_HEADERS,
    'Content-Type': entry.type,
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Referrer-Policy': 'no-referrer',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
