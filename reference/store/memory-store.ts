/**
 * An in-memory MVCC store with etcd's semantics: one global revision,
 * per-key create/mod revisions, history kept until compaction so watches
 * can resume from any revision since. Keys are also kept in order (a B+
 * tree), so a range reads only the keys it returns, as etcd's index does.
 */
import sortedBtree from 'sorted-btree';
import { WatcherIndex } from './watcher-index.ts';
import { StoreError, type KeyValue, type RangeOptions, type RangeResult, type Store, type StoreEvent, type StoreWatch } from './port.ts';

// sorted-btree is CommonJS: Node's loader hands its module object as the default import (the class is its
// `default`), while a loader with esModule interop (tsx on a packed install) hands the class itself.
const BTree = (typeof sortedBtree === 'function' ? sortedBtree : sortedBtree.default) as typeof sortedBtree.default;

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
  private readonly ordered = new BTree<string, KeyValue>();
  private history: HistoryEntry[] = [];
  private readonly watchers = new WatcherIndex<Watcher>();

  async revision(): Promise<number> {
    return this.rev;
  }

  async get(key: string): Promise<KeyValue | undefined> {
    return this.data.get(key);
  }

  async range(prefix: string, opts: RangeOptions = {}): Promise<RangeResult> {
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    const from = opts.fromKey && opts.fromKey > prefix ? opts.fromKey : prefix;
    const kvs: KeyValue[] = [];
    let more = false;
    for (const [key, kv] of this.ordered.entries(from)) {
      if (!key.startsWith(prefix)) break;
      if (kvs.length === limit) {
        more = true;
        break;
      }
      kvs.push(kv);
    }
    return { kvs, more, revision: this.rev };
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
    for (let i = this.firstAfter(afterRevision); i < this.history.length; i++) {
      const entry = this.history[i]!;
      if (entry.event.kv.key.startsWith(prefix)) onEvent(this.replayed(entry));
    }
    return { cancel: this.watchers.add(prefix, { prefix, onEvent }) };
  }

  async compact(revision: number): Promise<void> {
    const upTo = Math.min(revision, this.rev);
    if (upTo <= this.compacted) return;
    this.compacted = upTo;
    this.history = this.history.slice(this.firstAfter(upTo - 1));
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

  /** The index of the first history entry after `revision` (the history is in revision order). */
  private firstAfter(revision: number): number {
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.history[mid]!.revision > revision) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The only place the revision moves: the write is visible, then announced. */
  private commit(event: StoreEvent): void {
    this.rev++;
    if (event.type === 'put') {
      this.data.set(event.kv.key, event.kv);
      this.ordered.set(event.kv.key, event.kv);
    } else {
      this.data.delete(event.kv.key);
      this.ordered.delete(event.kv.key);
    }
    this.history.push({ revision: this.rev, event });
    for (const w of this.watchers.matching(event.kv.key)) w.onEvent(event);
  }
}
