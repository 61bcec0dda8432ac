/**
 * A request for a resource, in kube-apiserver's order: authentication; the
 * route (a method it has no route for is a 405, an unknown type of patch a
 * 415, an Accept it cannot serve a 406); the verb's query options; the body
 * (3 MiB at most, decoded and type-checked); then the api-server itself,
 * which authorizes, admits and stores. Every refusal is a Status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeList, KubeObject } from '../../../spec/objects/meta.ts';
import { StatusError } from '../../../spec/objects/status.ts';
import type { ApiServer } from '../apiserver.ts';
import type { ApiRequest, Verb } from '../request.ts';
import { errors } from '../status.ts';
import { bodyKindOf, decodeBody, decodePatch } from './body-decoder.ts';
import { methodNotAllowed } from './client-errors.ts';
import { bodyMediaType, checkAccept, patchMediaType, PRODUCES } from './media-types.ts';
import type { Send } from './non-resource.ts';
import { parseResourcePath, resourceAt } from './paths.ts';
import { deleteQuery, getQuery, goQuery, listQuery, validateDeleteOptions, writeQuery, type DeleteQuery } from './query-options.ts';
import { authOf, readBody } from './request-reader.ts';
import { toTable, wantsTable, type IncludeObject } from './tables.ts';
import { warningHeaders } from './warnings.ts';
import { streamWatch } from './watch-stream.ts';

export interface ResourceHandlerOptions {
  apiserver: ApiServer;
  now(): number;
  bookmarkIntervalMs?: number;
  watchTimeoutMs: number;
  /** Called when the request turns out to be a watch, which no request timeout cuts short. */
  longRunning(): void;
}

/** The verb a method names on a path; undefined where kube-apiserver has no route (405). */
function verbOf(method: string, named: boolean, subresource: string | undefined): Exclude<Verb, 'list' | 'watch'> | 'list-or-watch' | undefined {
  switch (method) {
    case 'GET':
      return named ? 'get' : 'list-or-watch';
    case 'POST':
      return !named || subresource ? 'create' : undefined;
    case 'PUT':
      return named ? 'update' : undefined;
    case 'PATCH':
      return named ? 'patch' : undefined;
    case 'DELETE':
      return named && !subresource ? 'delete' : undefined;
    default:
      return undefined;
  }
}

export async function serveResource(opts: ResourceHandlerOptions, req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string, send: Send): Promise<void> {
  const { apiserver } = opts;
  const parsed = parseResourcePath(path);
  const info = parsed && resourceAt(parsed);
  const auth = authOf(req);
  await apiserver.authenticate(auth);
  if (!parsed || !info) throw errors.notRegistered(parsed?.resource ?? path);
  if (parsed.subresource !== undefined && !info.subresources.includes(parsed.subresource)) throw errors.notRegistered(`${info.resource}/${parsed.subresource}`);

  const named = parsed.name !== undefined;
  const routed = verbOf(req.method ?? 'GET', named, parsed.subresource);
  if (!routed) throw new StatusError(methodNotAllowed());
  const patchType = routed === 'patch' ? patchMediaType(req.headers['content-type']) : undefined;
  checkAccept(req.headers.accept, routed === 'list-or-watch' ? PRODUCES.collection : PRODUCES.object);

  const query = goQuery(rawQuery);
  const base: ApiRequest = {
    verb: 'get',
    resource: info.resource,
    ...(parsed.namespace !== undefined ? { namespace: parsed.namespace } : {}),
    ...(parsed.name !== undefined ? { name: parsed.name } : {}),
    ...(parsed.subresource !== undefined ? { subresource: parsed.subresource } : {}),
    auth,
  };
  const table = wantsTable(req.headers.accept);
  const include = (query.get('includeObject')?.[0] ?? 'Metadata') as IncludeObject;
  const render = (obj: KubeObject | KubeList) => (table ? toTable(info.resource, obj, opts.now(), include) : obj);

  if (routed === 'list-or-watch') {
    const list = listQuery(query, info.resource);
    base.options = list.options;
    if (list.watch) {
      opts.longRunning();
      const seconds = list.timeoutSeconds ?? 0;
      // A negative timeout ends the watch at once; Node's timers cannot wait past 2^31 - 1 ms.
      const timeoutMs = seconds === 0 ? opts.watchTimeoutMs : Math.min(Math.max(seconds * 1000, 0), 2 ** 31 - 1);
      await streamWatch(res, (onEvent, onClose) => apiserver.watch({ ...base, verb: 'watch' }, onEvent, onClose), {
        resource: info,
        timeoutMs,
        ...(list.options.allowWatchBookmarks ? { bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000 } : {}),
        ...(list.options.resourceVersion ? { startVersion: list.options.resourceVersion } : {}),
        render,
      });
      return;
    }
    return send(200, render((await apiserver.handle({ ...base, verb: 'list' })) as KubeList));
  }
  if (routed === 'get') {
    base.options = getQuery(query);
    return send(200, render((await apiserver.handle(base)) as KubeObject));
  }

  const warnings: string[] = [];
  if (routed === 'delete') {
    const body = await readBody(req);
    let options: DeleteQuery;
    if (body.length > 0) {
      const yaml = bodyMediaType(req.headers['content-type']) === 'yaml';
      options = decodeBody(body, { group: 'meta.k8s.io', version: 'v1', kind: 'DeleteOptions', options: true }, { yaml, wrapErrors: false }).object as DeleteQuery;
    } else options = deleteQuery(query);
    validateDeleteOptions(options);
    base.options = options.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: options.gracePeriodSeconds } : {};
    return send(200, await apiserver.handle({ ...base, verb: 'delete' }));
  }

  const body = await readBody(req);
  const { fieldValidation } = writeQuery(query, routed);
  const kind = bodyKindOf(info, parsed.subresource);
  const decoded =
    routed === 'patch'
      ? decodePatch(body, kind, patchType!, fieldValidation)
      : decodeBody(body, kind, { yaml: bodyMediaType(req.headers['content-type']) === 'yaml', fieldValidation });
  warnings.push(...decoded.warnings);
  const result = await apiserver.handle({ ...base, verb: routed, body: decoded.object, ...(patchType ? { patchType } : {}) });
  const headers = warningHeaders(warnings);
  if (headers.length && !res.headersSent) res.setHeader('Warning', headers);
  send(routed === 'create' ? 201 : 200, result);
}
