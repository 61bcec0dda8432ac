/**
 * The api-server over HTTPS, speaking the Kubernetes REST API: every path
 * becomes an ApiRequest for ApiServer.handle / ApiServer.watch, so what
 * kubectl sees is exactly what the in-process scenarios see. This file only
 * translates; authentication, authorization, admission and storage all
 * happen in the api-server.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KubeList, KubeObject } from '../../../spec/objects/meta.ts';
import { isStatusError } from '../../../spec/objects/status.ts';
import type { ApiServer } from '../apiserver.ts';
import type { ApiRequest, Verb } from '../request.ts';
import { errors } from '../status.ts';
import type { ServingCertificate } from './certificate.ts';
import { coreVersions, groupInfo, groupList, openApiV2Json, openApiV2Protobuf, openApiV3Index, resourceList, versionInfo } from './discovery.ts';
import { parseResourcePath, resourceAt } from './paths.ts';
import { authOf, bodyOf, optionsOf, patchTypeOf } from './request-reader.ts';
import { toTable, wantsTable, type IncludeObject } from './tables.ts';
import { streamWatch } from './watch-stream.ts';

export interface HttpServerOptions {
  apiserver: ApiServer;
  certificate: ServingCertificate;
  /** Wall-clock milliseconds on the cluster's clock, for AGE columns. */
  now(): number;
  /** With allowWatchBookmarks, how often a watch gets a BOOKMARK. @default 60000 */
  bookmarkIntervalMs?: number;
  /** A watch without timeoutSeconds ends after this long (the api-server's --min-request-timeout). @default 1800000 */
  watchTimeoutMs?: number;
  /** Paths served beside the API, such as the live view under /ui/: answers and resolves true, or declines with false. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
}

export interface RunningHttpServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const send = (res: ServerResponse, code: number, body: unknown) => {
  if (res.headersSent) return void res.end();
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
};

/** Every failure leaves as a Status with its code; anything unexpected is a 500 with a message, never a stack. */
function sendError(res: ServerResponse, e: unknown): void {
  const status = isStatusError(e) ? e.status : errors.internal(e instanceof Error ? e.message : String(e)).status;
  send(res, status.code, status);
}

export function httpHandler(opts: HttpServerOptions, serverAddress: () => string) {
  const { apiserver } = opts;

  /** Non-resource paths: health, version, discovery, OpenAPI. Each still needs a valid credential. */
  async function nonResource(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const parts = path.split('/').filter(Boolean);
    let body: unknown;
    if (/^\/(healthz|livez|readyz)(\/.*)?$/.test(path)) {
      await apiserver.authenticate(authOf(req));
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return true;
    }
    if (path === '/version') body = versionInfo();
    else if (path === '/api') body = coreVersions(serverAddress());
    else if (path === '/apis') body = groupList();
    else if (parts[0] === 'apis' && parts.length === 2) body = groupInfo(parts[1]!);
    else if (parts[0] === 'api' && parts.length === 2) body = resourceList(parts[1]!);
    else if (parts[0] === 'apis' && parts.length === 3) body = resourceList(`${parts[1]}/${parts[2]}`);
    else if (path === '/openapi/v2') {
      await apiserver.authenticate(authOf(req));
      if (/protobuf/.test(req.headers.accept ?? '')) {
        const pb = openApiV2Protobuf();
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': pb.length });
        res.end(pb);
      } else send(res, 200, openApiV2Json());
      return true;
    } else if (path === '/openapi/v3') body = openApiV3Index();
    else return false;
    await apiserver.authenticate(authOf(req));
    if (body === undefined) throw errors.notRegistered(path);
    send(res, 200, body);
    return true;
  }

  async function resource(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = parseResourcePath(url.pathname);
    const info = path && resourceAt(path);
    if (!path || !info) {
      await apiserver.authenticate(authOf(req));
      throw errors.notRegistered(path?.resource ?? url.pathname);
    }
    const options = optionsOf(url.searchParams);
    const method = req.method ?? 'GET';
    const verb = verbFor(method, path.name !== undefined, options.watch);
    if (!verb) throw errors.methodNotSupported(info, method.toLowerCase());
    const auth = authOf(req);
    const { watch: _watch, timeoutSeconds, ...listOptions } = options;
    const base: ApiRequest = {
      verb,
      resource: info.resource,
      ...(path.namespace !== undefined ? { namespace: path.namespace } : {}),
      ...(path.name !== undefined ? { name: path.name } : {}),
      ...(path.subresource !== undefined ? { subresource: path.subresource } : {}),
      options: listOptions,
      auth,
    };
    const table = wantsTable(req.headers.accept);
    const include = (url.searchParams.get('includeObject') ?? 'Metadata') as IncludeObject;
    const render = (obj: KubeObject | KubeList) => (table ? toTable(info.resource, obj, opts.now(), include) : obj);

    if (verb === 'watch') {
      const timeoutMs = timeoutSeconds !== undefined ? timeoutSeconds * 1000 : opts.watchTimeoutMs ?? 1_800_000;
      await streamWatch(res, (onEvent, onClose) => apiserver.watch(base, onEvent, onClose), {
        resource: info,
        timeoutMs,
        ...(listOptions.allowWatchBookmarks ? { bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000 } : {}),
        ...(listOptions.resourceVersion ? { startVersion: listOptions.resourceVersion } : {}),
        render: (obj) => render(obj),
      });
      return;
    }
    if (verb === 'create' || verb === 'update' || verb === 'patch') {
      base.body = await bodyOf(req);
      if (base.body === undefined || typeof base.body !== 'object') throw errors.badRequest('the request body must be a JSON object');
      if (verb === 'patch') base.patchType = patchTypeOf(req.headers['content-type']);
    }
    if (verb === 'delete') {
      // DeleteOptions may come as a body (kubectl sends one) or as query parameters.
      const deleteOptions = (await bodyOf(req)) as { gracePeriodSeconds?: unknown } | undefined;
      if (typeof deleteOptions?.gracePeriodSeconds === 'number') base.options = { ...base.options, gracePeriodSeconds: deleteOptions.gracePeriodSeconds };
    }
    const result = (await apiserver.handle(base)) as KubeObject | KubeList;
    send(res, verb === 'create' ? 201 : 200, verb === 'get' || verb === 'list' ? render(result) : result);
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'https://kubespec');
      const path = url.pathname.replace(/\/+$/, '') || '/';
      if (opts.extraRoutes && (await opts.extraRoutes(req, res, url))) return;
      if (!(await nonResource(req, res, path))) await resource(req, res, url);
    } catch (e) {
      sendError(res, e);
    }
  };
}

function verbFor(method: string, named: boolean, watch: boolean): Verb | undefined {
  switch (method) {
    case 'GET':
      return named ? (watch ? undefined : 'get') : watch ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return named ? 'update' : undefined;
    case 'PATCH':
      return named ? 'patch' : undefined;
    case 'DELETE':
      return named ? 'delete' : undefined;
    default:
      return undefined;
  }
}

/** Listens on loopback (port 0 picks a free one) and resolves once it accepts connections. */
export async function startHttpServer(opts: HttpServerOptions & { host?: string; port?: number }): Promise<RunningHttpServer> {
  const host = opts.host ?? '127.0.0.1';
  let server!: Server;
  const address = () => `${host}:${(server.address() as AddressInfo).port}`;
  server = createServer({ key: opts.certificate.key, cert: opts.certificate.cert }, httpHandler(opts, address));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 6443, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
