/**
 * An informer, as client-go's: list, then watch from the list's
 * resourceVersion, keep a local cache, and tell handlers what changed. When
 * the watch ends (410 Expired, a server restart), list again; when that
 * list fails (the api-server or its etcd is down), try again after a
 * back-off, as client-go's reflector does (800 ms doubling to 30 s). Components see the cluster only
 * through these and their ApiClient (DESIGN.md rule 2).
 */
import type { ApiClient, ListOptions, WatchHandle } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';

export interface InformerHandlers<T> {
  onAdd?(obj: T): void | Promise<void>;
  onUpdate?(obj: T, old: T): void | Promise<void>;
  onDelete?(obj: T): void | Promise<void>;
}

/** client-go's reflector back-off: the first retry after 800 ms, then doubling, at most 30 s. */
const RELIST_BACKOFF_MS = [800, 30_000] as const;

export function objectKey(obj: KubeObject): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name ?? '';
}

export class Informer<T extends KubeObject = KubeObject> {
  private readonly cache = new Map<string, T>();
  private handle: WatchHandle | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: ApiClient,
    private readonly resource: string,
    private readonly opts: ListOptions,
    private readonly handlers: InformerHandlers<T>,
  ) {}

  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  list(): T[] {
    return [...this.cache.values()];
  }

  async start(): Promise<void> {
    const list = await this.client.list<T>(this.resource, this.opts);
    const seen = new Set<string>();
    for (const obj of list.items) {
      const key = objectKey(obj);
      seen.add(key);
      await this.apply(key, obj);
    }
    for (const [key, old] of [...this.cache]) {
      if (!seen.has(key)) {
        this.cache.delete(key);
        await this.handlers.onDelete?.(old);
      }
    }
    if (this.stopped) return;
    this.handle = await this.client.watch<T>(
      this.resource,
      { ...this.opts, resourceVersion: list.metadata.resourceVersion ?? '' },
      async (event) => {
        const key = objectKey(event.object);
        if (event.type === 'DELETED') {
          this.cache.delete(key);
          await this.handlers.onDelete?.(event.object);
        } else if (event.type === 'ADDED' || event.type === 'MODIFIED') {
          await this.apply(key, event.object);
        }
      },
      (error) => {
        // A watch the server ended (410 Expired, a restart) is resumed by listing again.
        if (error !== undefined && !this.stopped) this.restart(RELIST_BACKOFF_MS[0]!);
      },
    );
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.handle?.stop();
  }

  /**
   * Lists and watches again; a failure waits longer each time. The wait is
   * on the wall clock: it only happens when the server is unreachable,
   * which the virtual-clock scenarios never make it.
   */
  private restart(nextDelayMs: number): void {
    this.start().catch(() => {
      if (this.stopped) return;
      this.retryTimer = setTimeout(() => this.restart(Math.min(nextDelayMs * 2, RELIST_BACKOFF_MS[1]!)), nextDelayMs);
      this.retryTimer.unref();
    });
  }

  private async apply(key: string, obj: T): Promise<void> {
    const old = this.cache.get(key);
    this.cache.set(key, obj);
    if (!old) await this.handlers.onAdd?.(obj);
    else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) await this.handlers.onUpdate?.(obj, old);
  }
}
