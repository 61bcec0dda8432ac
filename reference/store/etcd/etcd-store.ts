/**
 * The Store port on a real etcd (v3 API, through the etcd3 client): the
 * same MVCC semantics as the memory store, with etcd's own revisions,
 * compare-and-swap transactions and watches. Used for the stacked-etcd
 * behaviour (E3) and by anyone who wants the reference on real etcd.
 *
 * Settling (DESIGN.md rule 4) still counts work instead of sleeping: after
 * a write commits at revision R, every open watch on that key counts as
 * work in flight until it has delivered R.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Etcd3, Range, type IKeyValue, type Namespace } from 'etcd3';
import { ExponentialBackoff, noop } from 'cockatiel';
import { StoreError, type KeyValue, type RangeOptions, type RangeResult, type Store, type StoreEvent, type StoreWatch } from '../port.ts';
import { etcdFailure, memberFaultHandling, neverSent } from './etcd-faults.ts';
import { isCompaction, resumableWatch, type ResumableWatch } from './etcd-watch.ts';
import type { WorkTracker } from '../../runtime/work-tracker.ts';

export interface EtcdStoreOptions {
  /** Client URLs of the members this api-server talks to, e.g. ['http://127.0.0.1:2379']. */
  endpoints: string[];
  /** Every key is kept under this prefix in etcd, so runs never see each other. @default '' */
  keyPrefix?: string;
  /**
   * How long one store operation may take, retries included, before it
   * fails as a timeout (the api-server's request deadline bounds its etcd
   * calls the same way). @default 3000
   */
  callTimeoutMs?: number;
  /** Counts pending watch deliveries so a virtual-clock cluster can settle. */
  work?: WorkTracker;
}

interface OpenWatch {
  prefix: string;
  delivered: number;
  /** Revisions committed under the prefix and not yet delivered, each holding one unit of work. */
  awaiting: Map<number, () => void>;
  /** Ends the etcd watch (and any reconnection it has pending). */
  cancel?: () => void;
}

const toKv = (kv: IKeyValue, strip: number): KeyValue => ({
  key: kv.key.toString().slice(strip),
  value: kv.value.toString(),
  createRevision: Number(kv.create_revision),
  modRevision: Number(kv.mod_revision),
  version: Number(kv.version),
});

export class EtcdStore implements Store {
  private readonly client: Etcd3;
  private readonly ns: Namespace;
  private readonly watches = new Set<OpenWatch>();
  private compacted = 0;
  /** The deadline of the store operation a gRPC call belongs to. */
  private readonly deadline = new AsyncLocalStorage<number>();
  private readonly timeoutMs: number;

  constructor(private readonly options: EtcdStoreOptions) {
    this.timeoutMs = options.callTimeoutMs ?? 3000;
    this.client = new Etcd3({
      hosts: options.endpoints,
      // etcd3's defaults (3 retries of any call, a breaker that fails every call for 5 s) would replay
      // writes that may have committed and refuse a member that is back: see etcd-faults.ts.
      // Watches reconnect after at most a second: etcd3's default waits up to 30 s, and its timer outlives close().
      faultHandling: { host: memberFaultHandling, global: noop, watchBackoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 1000 }).next() },
      defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: this.deadline.getStore() ?? Date.now() + this.timeoutMs }),
    });
    this.ns = this.client.namespace(options.keyPrefix ?? '');
  }

  async revision(): Promise<number> {
    return this.call(async () => Number((await this.ns.get('\0').exec()).header.revision));
  }

  async get(key: string): Promise<KeyValue | undefined> {
    return this.call(async () => {
      const res = await this.ns.get(key).exec();
      return res.kvs[0] ? this.kv(res.kvs[0], true) : undefined;
    });
  }

  async range(prefix: string, opts: RangeOptions = {}): Promise<RangeResult> {
    return this.call(async () => {
      const end = Range.prefix(prefix).end;
      let builder = this.ns.getAll().inRange(new Range(opts.fromKey ?? prefix, end)).sort('Key', 'Ascend');
      if (opts.limit && opts.limit > 0) builder = builder.limit(opts.limit);
      const res = await builder.exec();
      return { kvs: res.kvs.map((kv) => this.kv(kv)), more: Boolean(res.more), revision: Number(res.header.revision) };
    });
  }

  async create(key: string, value: string): Promise<KeyValue> {
    const res = await this.call(() => this.ns.if(key, 'Create', '==', 0).then(this.ns.put(key).value(value), this.ns.get(key)).commit());
    if (!res.succeeded) throw new StoreError({ kind: 'key-exists', key });
    return this.committed(key, res.responses[1]!.response_range.kvs[0]!);
  }

  async update(key: string, value: string, expectedModRevision?: number): Promise<KeyValue> {
    const guard = expectedModRevision === undefined ? this.ns.if(key, 'Create', '>', 0) : this.ns.if(key, 'Mod', '==', expectedModRevision);
    const res = await this.call(() => guard.then(this.ns.put(key).value(value), this.ns.get(key)).else(this.ns.get(key)).commit());
    if (!res.succeeded) throw this.refusal(key, res.responses[0]!.response_range.kvs[0]);
    return this.committed(key, res.responses[1]!.response_range.kvs[0]!);
  }

  async delete(key: string, expectedModRevision?: number): Promise<KeyValue> {
    const guard = expectedModRevision === undefined ? this.ns.if(key, 'Create', '>', 0) : this.ns.if(key, 'Mod', '==', expectedModRevision);
    const res = await this.call(() => guard.then(this.ns.get(key), this.ns.delete().key(key)).else(this.ns.get(key)).commit());
    if (!res.succeeded) throw this.refusal(key, res.responses[0]!.response_range.kvs[0]);
    this.expectDelivery(key, Number(res.header.revision));
    return this.kv(res.responses[0]!.response_range.kvs[0]!, true);
  }

  async watch(prefix: string, afterRevision: number, onEvent: (event: StoreEvent) => void, onError: (error: StoreError) => void): Promise<StoreWatch> {
    if (afterRevision + 1 < this.compacted) {
      onError(new StoreError({ kind: 'compacted', requested: afterRevision, compactRevision: this.compacted }));
      return { cancel: () => {} };
    }
    const open: OpenWatch = { prefix, delivered: afterRevision, awaiting: new Map() };
    const compacted = () => new StoreError({ kind: 'compacted', requested: afterRevision, compactRevision: this.compacted || afterRevision + 1 });
    const deliver = (type: 'put' | 'delete', kv: IKeyValue, prev: IKeyValue | undefined) => {
      const revision = Number(kv.mod_revision);
      const event: StoreEvent =
        type === 'put'
          ? { type, kv: this.kv(kv), ...(prev ? { prevKv: this.kv(prev) } : {}) }
          : { type, kv: { key: this.kv(kv).key, value: '', createRevision: 0, modRevision: revision, version: 0 }, ...(prev ? { prevKv: this.kv(prev) } : {}) };
      onEvent(event);
      open.delivered = Math.max(open.delivered, revision);
      for (const [rev, release] of open.awaiting) if (rev <= open.delivered) { open.awaiting.delete(rev); release(); }
    };
    const onFailure = (e: Error) => {
      this.forget(open);
      onError(isCompaction(e) ? compacted() : etcdFailure(e));
    };
    let watch: ResumableWatch;
    try {
      watch = await resumableWatch(this.ns, prefix, afterRevision, { onEvent: deliver, onFailure }, { createTimeoutMs: this.timeoutMs });
    } catch (e) {
      if (!isCompaction(e)) throw etcdFailure(e, this.timeoutMs);
      // As the memory store does: a watch from compacted history ends at once with the failure, it is not refused.
      onError(compacted());
      return { cancel: () => {} };
    }
    open.cancel = () => watch.cancel();
    this.watches.add(open);
    return { cancel: () => this.forget(open) };
  }

  async compact(revision: number): Promise<void> {
    await this.call(() => this.ns.kv.compact({ revision: String(revision), physical: true }));
    this.compacted = Math.max(this.compacted, revision);
  }

  async close(): Promise<void> {
    for (const w of [...this.watches]) this.forget(w);
    this.client.close();
  }

  /** Ranges and watches strip the key prefix; single gets and answers inside a transaction do not. */
  private kv(kv: IKeyValue, prefixed = false): KeyValue {
    return toKv(kv, prefixed ? (this.options.keyPrefix ?? '').length : 0);
  }

  private committed(key: string, kv: IKeyValue): KeyValue {
    const out = this.kv(kv, true);
    this.expectDelivery(key, out.modRevision);
    return out;
  }

  private refusal(key: string, current: IKeyValue | undefined): StoreError {
    return current ? new StoreError({ kind: 'conflict', key, current: this.kv(current, true) }) : new StoreError({ kind: 'not-found', key });
  }

  /** Each open watch on the key owes one delivery of `revision`; count it as work until it arrives. */
  private expectDelivery(key: string, revision: number): void {
    const work = this.options.work;
    if (!work) return;
    for (const w of this.watches) {
      if (!key.startsWith(w.prefix) || revision <= w.delivered || w.awaiting.has(revision)) continue;
      work.spawn(() => new Promise<void>((resolve) => w.awaiting.set(revision, resolve)));
    }
  }

  private forget(w: OpenWatch): void {
    w.cancel?.();
    this.watches.delete(w);
    for (const release of w.awaiting.values()) release();
    w.awaiting.clear();
  }

  /**
   * One store operation within its deadline. A call that never reached a
   * member (connection refused, every member's breaker open) is tried again
   * until the deadline, as etcd's Go client waits for a connection; any
   * other failure may have committed, so it is reported, never replayed.
   */
  private async call<T>(op: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.timeoutMs;
    for (let pause = 50; ; pause = Math.min(pause * 2, 500)) {
      try {
        return await this.deadline.run(deadline, op);
      } catch (e) {
        if (e instanceof StoreError) throw e;
        if (!neverSent(e) || Date.now() + pause >= deadline) throw etcdFailure(e, this.timeoutMs);
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }
}
