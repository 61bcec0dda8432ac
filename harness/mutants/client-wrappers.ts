/**
 * Ways to bend what a component sees or sends through its API client, to
 * seed bugs without editing the reference: rewrite objects it reads (by
 * get, list and watch), drop watch events, rewrite what it writes.
 */
import type { ApiClient, WatchEvent } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';

type Rewrite = (resource: string, obj: KubeObject) => KubeObject;

/** Every object of `resource` the client reads is passed through `rewrite`. */
export function rewriteReads(client: ApiClient, rewrite: Rewrite): ApiClient {
  return {
    ...client,
    get: async (resource, name, opts) => rewrite(resource, await client.get(resource, name, opts)) as never,
    list: async (resource, opts) => {
      const list = await client.list(resource, opts);
      return { ...list, items: list.items.map((o) => rewrite(resource, o)) } as never;
    },
    watch: (resource, opts, onEvent, onClose) =>
      client.watch(resource, opts, (e: WatchEvent) => onEvent({ ...e, object: e.type === 'BOOKMARK' || e.type === 'ERROR' ? e.object : rewrite(resource, e.object) } as never), onClose),
  };
}

/** Watch events of `resource` for which `drop` says so never arrive. */
export function dropWatchEvents(client: ApiClient, resource: string, drop: (e: WatchEvent) => boolean): ApiClient {
  return {
    ...client,
    watch: (r, opts, onEvent, onClose) => client.watch(r, opts, (e: WatchEvent) => (r === resource && drop(e) ? undefined : onEvent(e as never)), onClose),
  };
}

/** Every object the client writes with update is passed through `rewrite` first. */
export function rewriteUpdates(client: ApiClient, rewrite: Rewrite): ApiClient {
  return { ...client, update: (resource, body, opts) => client.update(resource, rewrite(resource, body), opts) };
}
