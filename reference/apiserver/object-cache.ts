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
  /** Per kind, how to stop its watch (or its pending retry). */
  private readonly cancels = new Map<string, () => void>();
  private stopped = false;
  /** Who waits for an object to appear, by store key. */
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(
    private readonly store: Store,
    private readonly resources: readonly string[],
  ) {}

  /** Lists each kind, then watches from the revision of that list so no change is missed. */
  async start(): Promise<void> {
    for (const name of this.resources) await this.sync(name);
  }

  /**
   * One kind: list, then watch from the list's revision. A watch the store
   * ends (its history compacted under it) is followed by a fresh list, as
   * an informer relists after 410 Expired; a list that fails is tried
   * again a second later.
   */
  private async sync(name: string): Promise<void> {
    const prefix = storageKey(this.info(name), undefined);
    const objects = new Map<string, KubeObject>();
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
    if (this.stopped) return;
    this.objects.set(name, objects);
    for (const key of [...this.waiting.keys()]) if (objects.has(key)) this.wake(key);
    const watch = await this.store.watch(
      prefix,
      revision,
      (event) => {
        if (event.type === 'put') {
          objects.set(event.kv.key, decode(event.kv));
          this.wake(event.kv.key);
        } else objects.delete(event.kv.key);
      },
      () => this.resync(name),
    );
    this.cancels.set(name, () => watch.cancel());
  }

  private resync(name: string): void {
    if (this.stopped) return;
    this.sync(name).catch(() => {
      const timer = setTimeout(() => this.resync(name), 1000);
      timer.unref();
      this.cancels.set(name, () => clearTimeout(timer));
    });
  }

  stop(): void {
    this.stopped = true;
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
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

  private wake(key: string): void {
    for (const resolve of this.waiting.get(key) ?? []) resolve();
    this.waiting.delete(key);
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
