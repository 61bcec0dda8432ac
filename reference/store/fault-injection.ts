/**
 * Store faults for E2: wraps any store so that the next N commits fail as
 * an etcd that lost quorum does (`unavailable`), before anything is
 * written. A refused write therefore leaves no trace: no new revision, no
 * watch event, no partial object.
 */
import { StoreError, type Store } from './port.ts';

export interface StoreFaults {
  /** The next `count` writes (create, update, delete) fail with `unavailable`; reads keep working. */
  failNextCommits(count: number, message?: string): void;
  /** Writes still due to fail. */
  readonly pendingFailures: number;
}

export const DEFAULT_FAULT_MESSAGE = 'etcdserver: request timed out';

export function withFaults(store: Store): Store & StoreFaults {
  let failures = 0;
  let message = DEFAULT_FAULT_MESSAGE;
  const gate = () => {
    if (failures <= 0) return;
    failures--;
    throw new StoreError({ kind: 'unavailable', message });
  };
  return {
    revision: () => store.revision(),
    get: (key) => store.get(key),
    range: (prefix, opts) => store.range(prefix, opts),
    async create(key, value) {
      gate();
      return store.create(key, value);
    },
    async update(key, value, expected) {
      gate();
      return store.update(key, value, expected);
    },
    async delete(key, expected) {
      gate();
      return store.delete(key, expected);
    },
    watch: (prefix, after, onEvent, onError) => store.watch(prefix, after, onEvent, onError),
    compact: (revision) => store.compact(revision),
    close: () => store.close(),
    failNextCommits(count, why = DEFAULT_FAULT_MESSAGE) {
      if (!Number.isInteger(count) || count < 0) throw new Error(`Expected a whole number of commits to fail, got ${count}`);
      failures = count;
      message = why;
    },
    get pendingFailures() {
      return failures;
    },
  };
}
