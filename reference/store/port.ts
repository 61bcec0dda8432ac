/**
 * The store port: etcd's data model, as the api-server uses it. Values are
 * serialized objects; every write bumps one global revision, and each key
 * keeps the revision it was created and last modified at (MVCC).
 */
export interface KeyValue {
  key: string;
  value: string;
  createRevision: number;
  modRevision: number;
  /** Number of writes to the key since it was created. */
  version: number;
}

export interface RangeOptions {
  /** At most this many keys; `more` says whether any were left. */
  limit?: number;
  /** Start at this key (inclusive): how `continue` tokens resume. */
  fromKey?: string;
}

export interface RangeResult {
  kvs: KeyValue[];
  more: boolean;
  /** The store revision the range was read at. */
  revision: number;
}

export interface StoreEvent {
  type: 'put' | 'delete';
  /** For a delete: the key with the revision of the delete and no value. */
  kv: KeyValue;
  prevKv?: KeyValue;
}

export interface StoreWatch {
  cancel(): void;
}

/** Why a store operation was refused; the api-server turns each into a Status. */
export type StoreFailure =
  | { kind: 'key-exists'; key: string }
  | { kind: 'not-found'; key: string }
  | { kind: 'conflict'; key: string; current: KeyValue }
  | { kind: 'compacted'; requested: number; compactRevision: number }
  /** etcd answered with an error of its own (no quorum in time, leader changed): it may or may not have committed. */
  | { kind: 'unavailable'; message: string }
  /** etcd did not answer before the deadline: it may still commit. */
  | { kind: 'timeout'; message: string };

export class StoreError extends Error {
  constructor(readonly failure: StoreFailure) {
    super(`store: ${failure.kind}${'key' in failure ? ` ${failure.key}` : ''}`);
    this.name = 'StoreError';
  }
}

export interface Store {
  /** The newest committed revision. */
  revision(): Promise<number>;
  get(key: string): Promise<KeyValue | undefined>;
  range(prefix: string, opts?: RangeOptions): Promise<RangeResult>;
  /** Create-if-absent: fails with key-exists. */
  create(key: string, value: string): Promise<KeyValue>;
  /** Compare-and-swap on the mod revision when one is given; fails with not-found or conflict. */
  update(key: string, value: string, expectedModRevision?: number): Promise<KeyValue>;
  /** Deletes, comparing the mod revision when one is given; resolves with the deleted value. */
  delete(key: string, expectedModRevision?: number): Promise<KeyValue>;
  /** Every change under `prefix` after `afterRevision`, in revision order; fails with compacted when that history is gone. */
  watch(prefix: string, afterRevision: number, onEvent: (event: StoreEvent) => void, onError: (error: StoreError) => void): Promise<StoreWatch>;
  /** Drops the history before `revision`. */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}
