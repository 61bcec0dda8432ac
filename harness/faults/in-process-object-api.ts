/**
 * The ObjectApi straight into an api-server in this process: the reference
 * on its memory store, checked without HTTP in between.
 */
import type { KubeList, KubeObject } from '../../spec/objects/meta.ts';
import { isStatusError } from '../../spec/objects/status.ts';
import type { ApiServer } from '../../reference/apiserver/apiserver.ts';
import type { ApiRequest } from '../../reference/apiserver/request.ts';
import { configMap, deletedObject, stored, type ObjectApi } from './object-api.ts';

export function inProcessObjectApi(apiserver: ApiServer, token: string, namespace: string): ObjectApi {
  const auth = { token };
  const call = async (req: Omit<ApiRequest, 'auth' | 'resource' | 'namespace'>) =>
    structuredClone(await apiserver.handle({ ...req, resource: 'configmaps', namespace, auth })) as KubeObject;
  return {
    create: async (key, value) => stored(await call({ verb: 'create', body: configMap(namespace, key, value) })),
    get: async (key) => stored(await call({ verb: 'get', name: key })),
    update: async (key, value, precondition) => stored(await call({ verb: 'update', name: key, body: configMap(namespace, key, value, precondition) })),
    delete: async (key) => deletedObject(await call({ verb: 'delete', name: key })),
    async list() {
      const list = (await call({ verb: 'list' })) as unknown as KubeList;
      return { items: list.items.map(stored), rv: Number(list.metadata.resourceVersion) };
    },
    async watch(fromRevision, onEvent, onEnd) {
      const ended = (error: unknown) => {
        const expired = isStatusError(error) && error.status.code === 410;
        onEnd({ kind: expired ? 'expired' : 'failed', message: isStatusError(error) ? error.status.message : String(error) });
      };
      try {
        return await apiserver.watch(
          { verb: 'watch', resource: 'configmaps', namespace, options: { resourceVersion: String(fromRevision) }, auth },
          (event) => {
            if (event.type !== 'BOOKMARK' && event.type !== 'ERROR') onEvent(event.type, stored(structuredClone(event.object)));
          },
          (error) => error !== undefined && ended(error),
        );
      } catch (e) {
        if (!(isStatusError(e) && e.status.code === 410)) throw e;
        ended(e);
        return { stop: () => {} };
      }
    },
  };
}
