/**
 * An ApiClient that calls the api-server in the same process, so that no
 * component ever shares a writable object with the api-server or another
 * component: a request is serialized on the way in, as over HTTP (the
 * caller may change its object while the request is in flight); an answer
 * is decoded from the store for this request alone (registry.ts), so it is
 * the caller's as it is; a watch event is shared by every watcher and
 * frozen (read-only.ts), as objects from an informer's cache are shared
 * and read-only in client-go.
 * A created or replaced object is also decoded as kube-apiserver decodes a
 * request body (http/body-decoder.ts), so an in-process client is refused
 * what kube-apiserver cannot decode (a field of the wrong type, a quantity
 * it cannot read: 400 BadRequest, before validation), as over HTTPS.
 */
import type { ApiClient, PatchType } from '../../spec/adapter.ts';
import type { KubeList, KubeObject } from '../../spec/objects/meta.ts';
import type { DeleteStatus } from '../../spec/objects/status.ts';
import type { ApiServer } from './apiserver.ts';
import { bodyKindOf, decodeValue } from './http/body-decoder.ts';
import { RESOURCES } from './registry/resources.ts';
import type { ApiRequest } from './request.ts';

/** The body as kube-apiserver receives it: serialized, then, for an object created or replaced, decoded as the resource's (or subresource's) kind. */
function received(req: Omit<ApiRequest, 'auth'>): unknown {
  const sent = JSON.parse(JSON.stringify(req.body)) as unknown;
  const info = RESOURCES.get(req.resource);
  if (!info || (req.verb !== 'create' && req.verb !== 'update')) return sent;
  return decodeValue(sent, bodyKindOf(info, req.subresource)).object;
}

export function inProcessClient(server: ApiServer, auth: ApiRequest['auth']): ApiClient {
  const call = async <T>(req: Omit<ApiRequest, 'auth'>): Promise<T> => {
    const { body, options, ...rest } = req;
    const sent: ApiRequest = { ...rest, auth };
    if (body !== undefined) sent.body = received(req);
    if (options !== undefined) sent.options = { ...options };
    return (await server.handle(sent)) as T;
  };
  return {
    get: <T extends KubeObject>(resource: string, name: string, opts = {}) => call<T>({ verb: 'get', resource, name, ...opts }),
    list: <T extends KubeObject>(resource: string, opts: { namespace?: string } = {}) =>
      call<KubeList<T>>({ verb: 'list', resource, ...(opts.namespace ? { namespace: opts.namespace } : {}), options: opts }),
    create: <T extends KubeObject>(resource: string, body: KubeObject, opts: { namespace?: string; subresource?: string; name?: string } = {}) =>
      call<T>({ verb: 'create', resource, body, ...opts, namespace: opts.namespace ?? body.metadata?.namespace }),
    update: <T extends KubeObject>(resource: string, body: KubeObject, opts: { namespace?: string; subresource?: string } = {}) =>
      call<T>({ verb: 'update', resource, body, name: body.metadata?.name, ...opts, namespace: opts.namespace ?? body.metadata?.namespace }),
    patch: <T extends KubeObject>(resource: string, name: string, patch: unknown, opts: { namespace?: string; subresource?: string; type?: PatchType } = {}) => {
      const { type, ...rest } = opts;
      return call<T>({ verb: 'patch', resource, name, body: patch, patchType: type ?? 'merge', ...rest });
    },
    delete: <T extends KubeObject>(resource: string, name: string, opts: { namespace?: string; gracePeriodSeconds?: number } = {}) => {
      const { gracePeriodSeconds, ...rest } = opts;
      return call<T | DeleteStatus>({ verb: 'delete', resource, name, ...rest, ...(gracePeriodSeconds !== undefined ? { options: { gracePeriodSeconds } } : {}) });
    },
    watch: (resource, opts, onEvent, onClose) =>
      server.watch(
        { verb: 'watch', resource, ...(opts.namespace ? { namespace: opts.namespace } : {}), options: { ...opts }, auth },
        (event) => onEvent(event as never),
        (error) => onClose?.(error),
      ),
  };
}
