/**
 * Model-based test of the MVCC store (fc.commands): random sequences of
 * create / update / delete (with right and stale revisions), get, range
 * with limit and continue, watch from a past revision, compaction and
 * injected commit failures, checked step by step against a plain model.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { withFaults } from './fault-injection.ts';
import { MemoryStore } from './memory-store.ts';
import { StoreError, type Store, type StoreEvent } from './port.ts';
import type { StoreFaults } from './fault-injection.ts';

interface Entry { value: string; create: number; mod: number; version: number }
interface Model {
  rev: number;
  compacted: number;
  data: Map<string, Entry>;
  history: Array<{ rev: number; type: 'put' | 'delete'; key: string; value: string }>;
  failures: number;
}
type Real = Store & StoreFaults;
let checked = 0;

const KEYS = ['/registry/pods/a/x', '/registry/pods/a/y', '/registry/pods/b/x', '/registry/minions/n1', '/registry/minions/n2'];
const PREFIXES = ['/registry/', '/registry/pods/', '/registry/pods/a/', '/registry/minions/'];
const failure = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof StoreError ? e.failure.kind : 'crash'));

/** The model's write: fails when a failure is pending, otherwise moves the revision. */
function modelWrite(m: Model, type: 'put' | 'delete', key: string, value: string): 'unavailable' | undefined {
  if (m.failures > 0) {
    m.failures--;
    return 'unavailable';
  }
  m.rev++;
  const prev = m.data.get(key);
  if (type === 'put') m.data.set(key, { value, create: prev?.create ?? m.rev, mod: m.rev, version: (prev?.version ?? 0) + 1 });
  else m.data.delete(key);
  m.history.push({ rev: m.rev, type, key, value });
  return undefined;
}

class Write implements fc.AsyncCommand<Model, Real> {
  constructor(readonly op: 'create' | 'update' | 'delete', readonly key: string, readonly value: string, readonly stale: boolean) {}
  check = () => true;
  async run(m: Model, r: Real) {
    checked++;
    const cur = m.data.get(this.key);
    const expected = cur ? (this.stale ? cur.mod - 1 : cur.mod) : undefined;
    let want: string;
    if (this.op === 'create') want = cur ? 'key-exists' : 'ok';
    else if (!cur) want = 'not-found';
    else want = this.stale ? 'conflict' : 'ok';
    // Faults are checked before the compare, as a request to an unavailable etcd fails before any comparison.
    if (m.failures > 0) want = 'unavailable';
    const got = await failure(
      this.op === 'create' ? r.create(this.key, this.value) : this.op === 'update' ? r.update(this.key, this.value, expected) : r.delete(this.key, expected),
    );
    assert.equal(got, want, this.toString());
    if (want === 'unavailable') m.failures--;
    else if (want === 'ok') modelWrite(m, this.op === 'delete' ? 'delete' : 'put', this.key, this.value);
    assert.equal(await r.revision(), m.rev, 'revision');
  }
  toString = () => `${this.op}(${this.key}, ${this.value}${this.stale ? ', stale' : ''})`;
}

class Get implements fc.AsyncCommand<Model, Real> {
  constructor(readonly key: string) {}
  check = () => true;
  async run(m: Model, r: Real) {
    checked++;
    const kv = await r.get(this.key);
    const e = m.data.get(this.key);
    assert.deepEqual(kv && { value: kv.value, create: kv.createRevision, mod: kv.modRevision, version: kv.version }, e, this.toString());
  }
  toString = () => `get(${this.key})`;
}

class Range implements fc.AsyncCommand<Model, Real> {
  constructor(readonly prefix: string, readonly limit: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    checked++;
    const want = [...m.data.keys()].filter((k) => k.startsWith(this.prefix)).sort();
    const got: string[] = [];
    let fromKey: string | undefined;
    for (;;) {
      const page = await r.range(this.prefix, { limit: this.limit, ...(fromKey ? { fromKey } : {}) });
      assert.ok(page.kvs.length <= this.limit);
      assert.equal(page.revision, m.rev);
      got.push(...page.kvs.map((kv) => kv.key));
      if (!page.more) break;
      fromKey = page.kvs.at(-1)!.key + '\0';
    }
    assert.deepEqual(got, want, this.toString());
  }
  toString = () => `range(${this.prefix}, limit ${this.limit})`;
}

class Watch implements fc.AsyncCommand<Model, Real> {
  constructor(readonly prefix: string, readonly back: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    checked++;
    const after = Math.max(0, m.rev - this.back);
    const events: StoreEvent[] = [];
    let error: string | undefined;
    const w = await r.watch(this.prefix, after, (e) => events.push(e), (e) => (error = e.failure.kind));
    w.cancel();
    if (after + 1 < m.compacted) {
      assert.equal(error, 'compacted', this.toString());
      return;
    }
    const want = m.history.filter((h) => h.rev > after && h.key.startsWith(this.prefix)).map((h) => ({ type: h.type, key: h.key, rev: h.rev }));
    assert.deepEqual(events.map((e) => ({ type: e.type, key: e.kv.key, rev: e.kv.modRevision })), want, this.toString());
  }
  toString = () => `watch(${this.prefix}, ${this.back} back)`;
}

class Compact implements fc.AsyncCommand<Model, Real> {
  constructor(readonly back: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    checked++;
    const to = Math.max(0, m.rev - this.back);
    await r.compact(to);
    if (to > m.compacted) m.compacted = Math.min(to, m.rev);
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
  fc.tuple(fc.constantFrom('create', 'update', 'delete') as fc.Arbitrary<'create' | 'update' | 'delete'>, key, fc.string({ maxLength: 3 }), fc.boolean()).map(([op, k, v, s]) => new Write(op, k, v, s)),
  key.map((k) => new Get(k)),
  fc.tuple(fc.constantFrom(...PREFIXES), fc.integer({ min: 1, max: 3 })).map(([p, l]) => new Range(p, l)),
  fc.tuple(fc.constantFrom(...PREFIXES), fc.integer({ min: 0, max: 8 })).map(([p, b]) => new Watch(p, b)),
  fc.integer({ min: 0, max: 5 }).map((b) => new Compact(b)),
  fc.integer({ min: 1, max: 2 }).map((n) => new FailNext(n)),
];

test('the memory store behaves as the plain model of etcd does, step by step', async (t) => {
  const numRuns = 300;
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, { maxCommands: 60, size: 'large' }), async (cmds) => {
      const model: Model = { rev: 1, compacted: 0, data: new Map(), history: [], failures: 0 };
      await fc.asyncModelRun(() => ({ model, real: withFaults(new MemoryStore()) }), cmds);
    }),
    { numRuns },
  );
  t.diagnostic(`numRuns ${numRuns}, store operations checked against the model: ${checked}`);
  assert.ok(checked > numRuns);
});
