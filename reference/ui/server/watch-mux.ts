/**
 * Several of the API's watch streams on one connection. A browser keeps
 * at most six HTTP/1.1 connections to a server, fewer than the kinds the
 * page follows, so the page lists each kind through the REST API as any
 * client does, then asks here to watch them all from the versions it
 * listed at. Each stream is the api-server's own watch, opened with the
 * caller's credentials (so authorization is the caller's), and each line
 * is one of its events tagged with the kind:
 *
 *   GET /ui/api/watch?nodes=120&pods=120&leases=118
 *   {"resource":"nodes","type":"MODIFIED","object":{...}}
 *   {"resource":"leases","type":"ERROR","object":{"kind":"Status","code":410,...}}
 *
 * A kind whose watch cannot start or ends (403, 410 Expired) gets an
 * ERROR line; the others go on. The stream ends after `timeoutMs`, or
 * when the client goes away, and stops every watch it opened.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WatchHandle } from '../../../spec/adapter.ts';
import { isStatusError, type Status } from '../../../spec/objects/status.ts';
import type { ApiServer } from '../../apiserver/apiserver.ts';
import { authOf } from '../../apiserver/http/request-reader.ts';
import { errors } from '../../apiserver/status.ts';
import { COMMON_HEADERS } from './respond.ts';

/** The kinds the page follows, and where: every namespace unless named. */
export const WATCHED: Record<string, { namespace?: string; fieldSelector?: string }> = {
  nodes: {},
  pods: {},
  events: {},
  leases: { namespace: 'kube-node-lease' },
  services: {},
  endpoints: {},
  replicasets: {},
  configmaps: { namespace: 'kube-system', fieldSelector: 'metadata.name=kubespec-settings' },
};

const asStatus = (e: unknown): Status => (isStatusError(e) ? e.status : errors.internal(e instanceof Error ? e.message : String(e)).status);

export async function watchMany(apiserver: ApiServer, req: IncomingMessage, res: ServerResponse, url: URL, timeoutMs: number): Promise<void> {
  const auth = authOf(req);
  await apiserver.authenticate(auth); // 401 before any stream starts
  const wanted = [...url.searchParams.keys()];
  const unknown = wanted.filter((k) => !(k in WATCHED));
  if (unknown.length) throw errors.badRequest(`cannot watch ${unknown.join(', ')}: the view follows ${Object.keys(WATCHED).join(', ')}`);
  if (!wanted.length) throw errors.badRequest(`name the kinds to watch, each with the resourceVersion it was listed at, e.g. ?nodes=1&pods=1`);

  res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'application/json' });
  res.flushHeaders();
  let ended = false;
  const handles: WatchHandle[] = [];
  const write = (resource: string, type: string, object: unknown) => {
    if (!ended) res.write(JSON.stringify({ resource, type, object }) + '\n');
  };
  const end = () => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    handles.forEach((h) => h.stop());
    res.end();
  };
  const timer = setTimeout(end, timeoutMs);
  res.on('close', end);
  await Promise.all(
    wanted.map(async (resource) => {
      const where = WATCHED[resource]!;
      const resourceVersion = url.searchParams.get(resource) ?? '';
      try {
        const handle = await apiserver.watch(
          {
            verb: 'watch',
            resource,
            ...(where.namespace ? { namespace: where.namespace } : {}),
            options: { ...(resourceVersion ? { resourceVersion } : {}), ...(where.fieldSelector ? { fieldSelector: where.fieldSelector } : {}) },
            auth,
          },
          (e) => write(resource, e.type, e.object),
          (error) => write(resource, 'ERROR', error === undefined ? errors.internal('the watch ended').status : asStatus(error)),
        );
        if (ended) handle.stop();
        else handles.push(handle);
      } catch (e) {
        write(resource, 'ERROR', asStatus(e));
      }
    }),
  );
}
