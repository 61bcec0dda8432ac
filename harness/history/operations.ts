/**
 * A recorded history: every operation a client invoked on one object (a
 * ConfigMap named by `key`), when it was invoked, when its answer came
 * back, and what the answer was; every watch and the events it delivered;
 * and, when the store can be read directly, the store's own change log.
 *
 * Every write carries a value no other write carries, so a change seen in
 * a read or a watch names the write that made it.
 */

/** What a successful answer said about the object. */
export interface ObjectState {
  value: string;
  /** metadata.resourceVersion: the store revision of its last change. */
  rv: number;
}

export type OperationKind = 'create' | 'get' | 'update' | 'delete';

/** The definite refusals: the server says nothing was changed. */
export type Refusal = 'NotFound' | 'AlreadyExists' | 'Conflict';

export type Outcome =
  /**
   * 2xx. get, create, update: the object as returned; delete: the object as
   * it was when deleted, or none when the server answered with a Status
   * Success instead, as Kubernetes does for most resources, ConfigMaps
   * among them (finalizeDelete in
   * staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
   * returns the object only when the registry sets ReturnDeletedObject).
   */
  | { status: 'ok'; object?: ObjectState }
  /** 404 or 409: the server refused and changed nothing. */
  | { status: 'refused'; reason: Refusal }
  /**
   * No definite answer (a 5xx, a timeout, a connection cut after sending):
   * the operation may take effect at any time after its invocation, or
   * never, as Jepsen counts it.
   */
  | { status: 'indeterminate'; why: string }
  /** The request provably never reached the server (connection refused): nothing happened. */
  | { status: 'unsent'; why: string };

export interface Operation {
  id: number;
  client: number;
  key: string;
  kind: OperationKind;
  /** create, update: the value written, unique in the history. */
  value?: string;
  /** update: the resourceVersion the client required; absent for an unconditional update. */
  precondition?: number;
  /** Milliseconds on one monotonic clock. */
  invokedAt: number;
  /** When the answer came; Infinity when the outcome is indeterminate. */
  completedAt: number;
  outcome: Outcome;
}

/** One change in the store's own log (etcd's history), in revision order. */
export interface StoreChange {
  revision: number;
  key: string;
  type: 'put' | 'delete';
  /** put: the value written. */
  value?: string;
}

/** What the store's log says, and how far it reaches. */
export interface StoreHistory {
  changes: StoreChange[];
  /** Every change after this revision is in `changes` (none is missing). */
  fromRevision: number;
  /** History before this revision was compacted away; a watch may only start after compactRevision - 1. @default 0 */
  compactRevision?: number;
  /** When the compaction happened: watches opened before it were entitled to the history. @default 0 */
  compactedAt?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ObservedEvent {
  type: WatchEventType;
  key: string;
  /** The object's value (for DELETED, its last value). */
  value: string;
  /** The event's resourceVersion (for DELETED, the revision of the delete). */
  rv: number;
  receivedAt: number;
}

/** One watch request and what it delivered, until it ended or the run stopped. */
export interface WatchRecord {
  id: number;
  client: number;
  /** Keys under watch: every key starting with this. */
  prefix: string;
  /** The resourceVersion the watch started after (sent as ?resourceVersion=). */
  fromRevision: number;
  startedAt: number;
  events: ObservedEvent[];
  /** How it ended: the server said 410 Expired, it closed, it failed, or the client stopped it. */
  end?: { kind: 'expired' | 'closed' | 'failed' | 'stopped'; at: number; message?: string };
  /** The run waited for this watch to deliver every change up to this revision (it must not have stalled before). */
  mustReach?: number;
}

export interface History {
  operations: Operation[];
  watches: WatchRecord[];
  /** The store's own log, when the checker may read it. */
  store?: StoreHistory;
}

export const isWrite = (op: Operation) => op.kind !== 'get';
