/**
 * Records every store access with the component that made it (A3's
 * evidence). The api-server holds one view per request, naming the user it
 * serves, so the log reads "kube-apiserver, on behalf of alice".
 */
import type { StoreAccess } from '../../spec/adapter.ts';
import type { Store, StoreEvent, StoreError, StoreWatch } from './port.ts';

export class StoreAccessLog {
  private seq = 0;
  readonly entries: StoreAccess[] = [];
  constructor(private readonly now: () => number) {}
  record(entry: Omit<StoreAccess, 'seq' | 'at'>): void {
    this.entries.push({ seq: ++this.seq, at: this.now(), ...entry });
  }
}

export function auditedStore(store: Store, log: StoreAccessLog, component: string, onBehalfOf?: string): Store {
  const record = (op: StoreAccess['op'], key: string, revision?: number) =>
    log.record({ op, key, component, ...(onBehalfOf ? { onBehalfOf } : {}), ...(revision !== undefined ? { revision } : {}) });
  return {
    revision: () => store.revision(),
    async get(key) {
      record('get', key);
      return store.get(key);
    },
    async range(prefix, opts) {
      record('range', prefix);
      return store.range(prefix, opts);
    },
    async create(key, value) {
      const kv = await store.create(key, value);
      record('create', key, kv.modRevision);
      return kv;
    },
    async update(key, value, expected) {
      const kv = await store.update(key, value, expected);
      record('update', key, kv.modRevision);
      return kv;
    },
    async delete(key, expected) {
      const prev = await store.delete(key, expected);
      record('delete', key, await store.revision());
      return prev;
    },
    async watch(prefix: string, after: number, onEvent: (e: StoreEvent) => void, onError: (e: StoreError) => void): Promise<StoreWatch> {
      record('watch', prefix);
      return store.watch(prefix, after, onEvent, onError);
    },
    async compact(revision) {
      record('compact', '', revision);
      return store.compact(revision);
    },
    close: () => store.close(),
  };
}
