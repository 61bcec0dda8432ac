/**
 * An in-memory MVCC store with etcd's semantics: one global revision,
 * per-key create/mod revisions, history kept until compaction so watches
 * can resume from any revision since.
 */
import { StoreError, type KeyValue, type RangeOptions, type RangeResult, type Store, type StoreEvent, type StoreWatch } from './port.ts';

interface HistoryEntry {
  revision: number;
  event: StoreEvent;
}

interface Watcher {
  prefix: string;
  onEvent: (event: StoreEvent) => void;
}

export class MemoryStore implements Store {
  private rev = 1; // etcd starts at revision 1 with an empty keyspace
  private compacted = 0;
  private readonly data = new Map<string, KeyValue>();
  private history: HistoryEntry[] = [];
  private readonly watchers = new Set<Watcher>();

  async revision(): Promise<number> {
    return this.rev;
  }

  async get(key: string): Promise<KeyValue | undefined> {
    return this.data.get(key);
  }

  async range(prefix: string, opts: RangeOptions = {}): Promise<RangeResult> {
    const keys = [...this.data.keys()].filter((k) => k.startsWith(prefix) && (!opts.fromKey || k >= opts.fromKey)).sort();
    const limit = opts.limit && opts.limit > 0 ? opts.limit : keys.length;
    const kvs = keys.slice(0, limit).map((k) => this.data.get(k)!);
    return { kvs, more: keys.length > limit, revision: this.rev };
  }

  async create(key: string, value: string): Promise<KeyValue> {
    if (this.data.has(key)) throw new StoreError({ kind: 'key-exists', key });
    const kv: KeyValue = { key, value, createRevision: this.rev + 1, modRevision: this.rev + 1, version: 1 };
    this.commit({ type: 'put', kv });
    return kv;
  }

  async update(key: string, value: string, expectedModRevision?: number): Promise<KeyValue> {
    const prev = this.data.get(key);
    if (!prev) throw new StoreError({ kind: 'not-found', key });
    if (expectedModRevision !== undefined && prev.modRevision !== expectedModRevision) {
      throw new StoreError({ kind: 'conflict', key, current: prev });
    }
    const kv: KeyValue = { key, value, createRevision: prev.createRevision, modRevision: this.rev + 1, version: prev.version + 1 };
    this.commit({ type: 'put', kv, prevKv: prev });
    return kv;
  }

  async delete(key: string, expectedModRevision?: number): Promise<KeyValue> {
    const prev = this.data.get(key);
    if (!prev) throw new StoreError({ kind: 'not-found', key });
    if (expectedModRevision !== undefined && prev.modRevision !== expectedModRevision) {
      throw new StoreError({ kind: 'conflict', key, current: prev });
    }
    this.commit({ type: 'delete', kv: { key, value: '', createRevision: 0, modRevision: this.rev + 1, version: 0 }, prevKv: prev });
    return prev;
  }

  async watch(prefix: string, afterRevision: number, onEvent: (event: StoreEvent) => void, onError: (error: StoreError) => void): Promise<StoreWatch> {
    if (afterRevision + 1 < this.compacted) {
      onError(new StoreError({ kind: 'compacted', requested: afterRevision, compactRevision: this.compacted }));
      return { cancel: () => {} };
    }
    for (const entry of this.history) {
      if (entry.revision > afterRevision && entry.event.kv.key.startsWith(prefix)) onEvent(this.replayed(entry));
    }
    const watcher: Watcher = { prefix, onEvent };
    this.watchers.add(watcher);
    return { cancel: () => this.watchers.delete(watcher) };
  }

  async compact(revision: number): Promise<void> {
    const upTo = Math.min(revision, this.rev);
    if (upTo <= this.compacted) return;
    this.compacted = upTo;
    this.history = this.history.filter((entry) => entry.revision >= upTo);
  }

  async close(): Promise<void> {
    this.watchers.clear();
  }

  /**
   * An event from history as etcd replays it: etcd reads the previous value
   * at the revision before the event, so where compaction removed that
   * revision the event comes without one.
   */
  private replayed({ revision, event }: HistoryEntry): StoreEvent {
    if (revision - 1 >= this.compacted || !event.prevKv) return event;
    const { prevKv: _gone, ...withoutPrevious } = event;
    return withoutPrevious;
  }

  /** The only place the revision moves: the write is visible, then announced. */
  private commit(event: StoreEvent): void {
    this.rev++;
    if (event.type === 'put') this.data.set(event.kv.key, event.kv);
    else this.data.delete(event.kv.key);
    this.history.push({ revision: this.rev, event });
    for (const w of this.watchers) if (event.kv.key.startsWith(w.prefix)) w.onEvent(event);
  }
}
