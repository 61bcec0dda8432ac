/**
 * The store contract: what every backend of the Store port must do, as a
 * model-based test (fc.commands). Random sequences of create, update and
 * delete (against the current revision, a stale one, or none), get, range
 * in pages (limit, fromKey), watch from a past revision, compaction and
 * injected commit failures run against a backend and, step by step,
 * against a plain model of etcd; every answer, revision and watch event
 * must agree. store-contract.test.ts runs it on the memory store and on a
 * real etcd member.
 *
 * A backend may be slow and asynchronous (etcd delivers watch events over
 * a stream), so a watch is checked by writing a marker under its prefix
 * after subscribing and waiting for the marker's revision to arrive: events
 * come in revision order, so by then every earlier one has too.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { withFaults, type StoreFaults } from './fault-injection.ts';
import { StoreError, type KeyValue, type Store, type StoreEvent } from './port.ts';

export interface StoreBackend {
  /** A store that holds no keys yet, for one run; the revision need not start at 1. */
  open(): Promise<Store>;
}

export interface ContractRun {
  runs: number;
  /** Store operations whose answers were checked against the model. */
  operations: number;
}

interface Entry { value: string; create: number; mod: number; version: number }
interface Change { rev: number; type: 'put' | 'delete'; key: string; value: string; prev: string | undefined }
interface Model {
  /** The backend's revision when the run began: history before it is not the run's, and may be compacted already. */
  start: number;
  rev: number;
  /** Watches from before this revision are refused. */
  compacted: number;
  data: Map<string, Entry>;
  history: Change[];
  failures: number;
  operations: number;
}
type Real = Store & StoreFaults;

const KEYS = ['/registry/pods/a/x', '/registry/pods/a/y', '/registry/pods/b/x', '/registry/minions/n1', '/registry/minions/n2'];
const PREFIXES = ['/registry/', '/registry/pods/', '/registry/pods/a/', '/registry/minions/'];
/** How long a watch may take to deliver a write before the check fails: a bound on a hang, not a timing claim. */
const DELIVERY_BOUND_MS = 10_000;

const entryOf = (kv: KeyValue): Entry => ({ value: kv.value, create: kv.createRevision, mod: kv.modRevision, version: kv.version });

/** The model's committed write: the revision moves, the key changes, history grows. */
function commit(m: Model, type: 'put' | 'delete', key: string, value: string): void {
  m.rev++;
  const prev = m.data.get(key);
  if (type === 'put') m.data.set(key, { value, create: prev?.create ?? m.rev, mod: m.rev, version: (prev?.version ?? 0) + 1 });
  else m.data.delete(key);
  m.history.push({ rev: m.rev, type, key, value: type === 'put' ? value : '', prev: prev?.value });
}

type Expect = 'current' | 'stale' | 'none';
/** A write's answer: `ok` with the value, or the failure's kind (with the current value, for a conflict). */
interface Answer { kind: string; kv?: KeyValue }

class Write implements fc.AsyncCommand<Model, Real> {
  constructor(readonly op: 'create' | 'update' | 'delete', readonly key: string, readonly value: string, readonly expect: Expect) {}
  check = () => true;
  async run(m: Model, r: Real) {
    m.operations++;
    const cur = m.data.get(this.key);
    const expected = !cur || this.op === 'create' || this.expect === 'none' ? undefined : this.expect === 'stale' ? cur.mod - 1 : cur.mod;
    let want: string;
    if (m.failures > 0) want = 'unavailable'; // an unavailable etcd fails the request before any comparison
    else if (this.op === 'create') want = cur ? 'key-exists' : 'ok';
    else if (!cur) want = 'not-found';
    else want = this.expect === 'stale' ? 'conflict' : 'ok';
    const call = this.op === 'create' ? r.create(this.key, this.value) : this.op === 'update' ? r.update(this.key, this.value, expected) : r.delete(this.key, expected);
    const got = await call.then(
      (kv): Answer => ({ kind: 'ok', kv }),
      (e: unknown): Answer => {
        if (!(e instanceof StoreError)) throw e;
        return { kind: e.failure.kind, ...('current' in e.failure ? { kv: e.failure.current } : {}) };
      },
    );
    assert.equal(got.kind, want, this.toString());
    if (want === 'unavailable') m.failures--;
    if (want === 'conflict') assert.deepEqual(got.kv && entryOf(got.kv), cur, `${this} reports the current value`);
    if (want === 'ok') {
      commit(m, this.op === 'delete' ? 'delete' : 'put', this.key, this.value);
      // A put answers with the new value, a delete with the one it removed.
      assert.deepEqual(got.kv && entryOf(got.kv), this.op === 'delete' ? cur : m.data.get(this.key), `${this} answers`);
    }
    assert.equal(await r.revision(), m.rev, `revision after ${this}`);
  }
  toString = () => `${this.op}(${this.key}, ${JSON.stringify(this.value)}${this.op === 'create' ? '' : `, expecting ${this.expect}`})`;
}

class Get implements fc.AsyncCommand<Model, Real> {
  constructor(readonly key: string) {}
  check = () => true;
  async run(m: Model, r: Real) {
    m.operations++;
    const kv = await r.get(this.key);
    assert.deepEqual(kv && entryOf(kv), m.data.get(this.key), this.toString());
  }
  toString = () => `get(${this.key})`;
}

class Range implements fc.AsyncCommand<Model, Real> {
  /** `limit` 0 asks for every key at once. */
  constructor(readonly prefix: string, readonly limit: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const want = [...m.data.entries()].filter(([k]) => k.startsWith(this.prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
    const got: Array<[string, Entry]> = [];
    let fromKey: string | undefined;
    for (;;) {
      m.operations++;
      const page = await r.range(this.prefix, { limit: this.limit, ...(fromKey ? { fromKey } : {}) });
      if (this.limit > 0) assert.ok(page.kvs.length <= this.limit, `${this} returned ${page.kvs.length} keys`);
      assert.equal(page.revision, m.rev, `${this} is read at the newest revision`);
      got.push(...page.kvs.map((kv): [string, Entry] => [kv.key, entryOf(kv)]));
      if (!page.more) break;
      assert.ok(page.kvs.length > 0, `${this} says there is more but returned nothing`);
      fromKey = page.kvs.at(-1)!.key + '\0'; // how a continue token resumes: just past the last key
    }
    assert.deepEqual(got, want, this.toString());
  }
  toString = () => `range(${this.prefix}, limit ${this.limit})`;
}

/** Resolves once `done()` holds, re-checked at each `poke`; fails after DELIVERY_BOUND_MS. */
function waiter(what: () => string) {
  let check = () => {};
  return {
    poke: () => check(),
    until: (done: () => boolean) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${what()}: nothing arrived within ${DELIVERY_BOUND_MS} ms`)), DELIVERY_BOUND_MS);
        check = () => {
          if (!done()) return;
          clearTimeout(timer);
          resolve();
        };
        check();
      }),
  };
}

class Watch implements fc.AsyncCommand<Model, Real> {
  constructor(readonly prefix: string, readonly back: number) {}
  /** The marker is a write: it cannot be made while commits are set to fail. */
  check = (m: Readonly<Model>) => m.failures === 0;
  async run(m: Model, r: Real) {
    m.operations++;
    const after = Math.max(m.start, m.rev - this.back);
    const events: StoreEvent[] = [];
    let error: StoreError | undefined;
    const arrivals = waiter(() => this.toString());
    const w = await r.watch(this.prefix, after, (e) => (events.push(e), arrivals.poke()), (e) => ((error = e), arrivals.poke()));
    try {
      if (after + 1 < m.compacted) {
        await arrivals.until(() => error !== undefined);
        assert.equal(error?.failure.kind, 'compacted', this.toString());
        return;
      }
      const marker = `${this.prefix}marker`;
      const mark = m.data.has(marker) ? await r.update(marker, `at ${m.rev}`) : await r.create(marker, `at ${m.rev}`);
      m.operations++;
      commit(m, 'put', marker, `at ${m.rev}`);
      assert.equal(mark.modRevision, m.rev, `${this}: the marker's revision`);
      await arrivals.until(() => error !== undefined || events.some((e) => e.kv.modRevision >= mark.modRevision));
      assert.equal(error, undefined, `${this} failed`);
      // As etcd does, an event's previous value is read at the revision before it: gone if that was compacted.
      const want = m.history
        .filter((h) => h.rev > after && h.key.startsWith(this.prefix))
        .map((h) => (h.rev - 1 < m.compacted ? { ...h, prev: undefined } : h));
      const seen = events.map((e): Change => ({ rev: e.kv.modRevision, type: e.type, key: e.kv.key, value: e.kv.value, prev: e.prevKv?.value }));
      assert.deepEqual(seen, want, this.toString());
    } finally {
      w.cancel();
    }
  }
  toString = () => `watch(${this.prefix}, from ${this.back} back)`;
}

class Compact implements fc.AsyncCommand<Model, Real> {
  constructor(readonly back: number) {}
  /** Only forward, and only within the run: etcd refuses a compaction at or below its compacted revision, where the memory store ignores it. */
  check = (m: Readonly<Model>) => m.rev - this.back > Math.max(m.compacted, m.start);
  async run(m: Model, r: Real) {
    m.operations++;
    const to = m.rev - this.back;
    await r.compact(to);
    m.compacted = to;
    assert.equal(await r.revision(), m.rev, `${this} moves no revision`);
  }
  toString = () => `compact(${this.back} back)`;
}

class FailNext implements fc.AsyncCommand<Model, Real> {
  constructor(readonly count: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    r.failNextCommits(this.count);
    m.failures = this.count;
  }
  toString = () => `failNextCommits(${this.count})`;
}

const key = fc.constantFrom(...KEYS);
const commands = [
  fc
    .tuple(fc.constantFrom('create', 'update', 'delete') as fc.Arbitrary<'create' | 'update' | 'delete'>, key, fc.string({ maxLength: 3 }), fc.constantFrom<Expect>('current', 'stale', 'none'))
    .map(([op, k, v, e]) => new Write(op, k, v, e)),
  key.map((k) => new Get(k)),
  fc.tuple(fc.constantFrom(...PREFIXES), fc.integer({ min: 0, max: 3 })).map(([p, l]) => new Range(p, l)),
  fc.tuple(fc.constantFrom(...PREFIXES), fc.integer({ min: 0, max: 8 })).map(([p, b]) => new Watch(p, b)),
  fc.integer({ min: 0, max: 5 }).map((b) => new Compact(b)),
  fc.integer({ min: 1, max: 2 }).map((n) => new FailNext(n)),
];

/** Runs the contract against `backend`: `numRuns` random sequences of up to `maxCommands` commands each. */
export async function checkStoreContract(backend: StoreBackend, { numRuns, maxCommands }: { numRuns: number; maxCommands: number }): Promise<ContractRun> {
  const tally: ContractRun = { runs: 0, operations: 0 };
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, { maxCommands, size: 'large' }), async (cmds) => {
      tally.runs++;
      const store = await backend.open();
      try {
        const start = await store.revision();
        const model: Model = { start, rev: start, compacted: 0, data: new Map(), history: [], failures: 0, operations: 0 };
        await fc.asyncModelRun(() => ({ model, real: withFaults(store) }), cmds);
        tally.operations += model.operations;
      } finally {
        await store.close();
      }
    }),
    { numRuns },
  );
  return tally;
}
