/**
 * The api-server's own cache of the objects its authorizer and admission
 * plugins consult (RBAC roles and bindings, namespaces, service accounts),
 * kept by a list and a watch on the store, as kube-apiserver keeps
 * informers over its loopback client. Its store accesses are logged on
 * behalf of `system:apiserver`, the api-server's own identity.
 */
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Store } from '../store/port.ts';
import { decode } from './registry/encoding.ts';
import { RESOURCES, storageKey, type ResourceInfo } from './registry/resources.ts';

export const APISERVER_USER = 'system:apiserver';

export class ObjectCache {
  /** Per kind, store key -> object. */
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly cancels: Array<() => void> = [];
  /** Who waits for an object to appear, by store key. */
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(
    private readonly store: Store,
    private readonly resources: readonly string[],
  ) {}

  /** Lists each kind, then watches from the revision of that list so no change is missed. */
  async start(): Promise<void> {
    for (const name of this.resources) {
      const prefix = storageKey(this.info(name), undefined);
      const objects = new Map<string, KubeObject>();
      this.objects.set(name, objects);
      let revision = 0;
      let fromKey: string | undefined;
      for (;;) {
        const page = await this.store.range(prefix, { limit: 500, ...(fromKey ? { fromKey } : {}) });
        revision ||= page.revision;
        for (const kv of page.kvs) objects.set(kv.key, decode(kv));
        const last = page.kvs.at(-1);
        if (!page.more || !last) break;
        fromKey = last.key + '\0';
      }
      const watch = await this.store.watch(
        prefix,
        revision,
        (event) => {
          if (event.type === 'put') {
            objects.set(event.kv.key, decode(event.kv));
            for (const wake of this.waiting.get(event.kv.key) ?? []) wake();
            this.waiting.delete(event.kv.key);
          } else objects.delete(event.kv.key);
        },
        // A compacted watch would need a relist; the memory store keeps history this cache needs.
        () => {},
      );
      this.cancels.push(() => watch.cancel());
    }
  }

  stop(): void {
    for (const cancel of this.cancels.splice(0)) cancel();
  }

  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    return this.objects.get(resource)?.get(storageKey(this.info(resource), namespace, name)) as T | undefined;
  }

  /** Resolves once the cache holds the object: for the api-server's own writes that admission must then see (a namespace before what goes in it). */
  async seen(resource: string, namespace: string | undefined, name: string): Promise<void> {
    if (this.get(resource, namespace, name)) return;
    const key = storageKey(this.info(resource), namespace, name);
    await new Promise<void>((resolve) => this.waiting.set(key, [...(this.waiting.get(key) ?? []), resolve]));
  }

  /** Every cached object of a kind, in one namespace when given. */
  list<T extends KubeObject = KubeObject>(resource: string, namespace?: string): T[] {
    const prefix = storageKey(this.info(resource), namespace);
    return [...(this.objects.get(resource) ?? [])].filter(([key]) => key.startsWith(prefix)).map(([, obj]) => obj as T);
  }

  private info(resource: string): ResourceInfo {
    const info = RESOURCES.get(resource);
    if (!info || !this.resources.includes(resource)) throw new Error(`ObjectCache: expected one of ${this.resources.join(', ')}, got ${resource}`);
    return info;
  }
}
