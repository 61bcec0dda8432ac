/**
 * Paths that are not resources: health (any method, as kube-apiserver's
 * non-go-restful mux serves them), version and discovery (GET only, JSON
 * only), OpenAPI. Each still needs a valid credential.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiServer } from '../apiserver.ts';
import { errors } from '../status.ts';
import { methodNotAllowed } from './client-errors.ts';
import { coreVersions, groupInfo, groupList, openApiV2Json, openApiV2Protobuf, openApiV3Index, resourceList, versionInfo } from './discovery.ts';
import { checkAccept, PRODUCES } from './media-types.ts';
import { authOf } from './request-reader.ts';
import { StatusError } from '../../../spec/objects/status.ts';

export type Send = (code: number, body: unknown) => void;

/** Serves `path` when it is not a resource path; false when it is one. */
export async function serveNonResource(apiserver: ApiServer, req: IncomingMessage, res: ServerResponse, path: string, send: Send, serverAddress: () => string): Promise<boolean> {
  const parts = path.split('/').filter(Boolean);
  if (/^\/(healthz|livez|readyz)(\/.*)?$/.test(path)) {
    await apiserver.authenticate(authOf(req));
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ok');
    return true;
  }
  if (path === '/openapi/v2') {
    await apiserver.authenticate(authOf(req));
    if (/protobuf/.test(req.headers.accept ?? '')) {
      const pb = openApiV2Protobuf();
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': pb.length });
      res.end(pb);
    } else send(200, openApiV2Json());
    return true;
  }
  let body: (() => unknown) | undefined;
  if (path === '/version') body = versionInfo;
  else if (path === '/api') body = () => coreVersions(serverAddress());
  else if (path === '/apis') body = groupList;
  else if (parts[0] === 'apis' && parts.length === 2) body = () => groupInfo(parts[1]!);
  else if (parts[0] === 'api' && parts.length === 2) body = () => resourceList(parts[1]!);
  else if (parts[0] === 'apis' && parts.length === 3) body = () => resourceList(`${parts[1]}/${parts[2]}`);
  else if (path === '/openapi/v3') body = openApiV3Index;
  else return false;
  await apiserver.authenticate(authOf(req));
  if (req.method !== 'GET') throw new StatusError(methodNotAllowed());
  checkAccept(req.headers.accept, PRODUCES.object);
  const answer = body();
  if (answer === undefined) throw errors.notRegistered(path);
  send(200, answer);
  return true;
}
