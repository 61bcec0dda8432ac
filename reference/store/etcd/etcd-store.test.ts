/**
 * The etcd backend behaves like the in-memory store: the same random
 * sequences of creates, compare-and-swap updates, deletes, gets and ranges
 * give the same answers and the same revisions (counted from each run's
 * start), with a real etcd member behind one and the memory store as the
 * model. Skipped, with the reason, where etcd is not installed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryStore } from '../memory-store.ts';
import { StoreError, type Store } from '../port.ts';
import { EtcdMembers, findEtcd } from './etcd-members.ts';
import { EtcdStore } from './etcd-store.ts';

const etcd = findEtcd();
const skip = 'missing' in etcd ? etcd.missing : false;
let members: EtcdMembers | undefined;

before(async () => {
  if (!skip) members = await EtcdMembers.start(['solo']);
});
after(async () => {
  await members?.stopAll();
});

type Op =
  | { op: 'create'; key: string; value: string }
  | { op: 'update'; key: string; value: string; stale: boolean }
  | { op: 'delete'; key: string }
  | { op: 'get'; key: string }
  | { op: 'range'; limit: number };

const key = fc.constantFrom('/registry/pods/default/a', '/registry/pods/default/b', '/registry/pods/kube-system/c', '/registry/minions/n1');
const value = fc.string({ maxLength: 8 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), key, value }),
  fc.record({ op: fc.constant('update' as const), key, value, stale: fc.boolean() }),
  fc.record({ op: fc.constant('delete' as const), key }),
  fc.record({ op: fc.constant('get' as const), key }),
  fc.record({ op: fc.constant('range' as const), limit: fc.integer({ min: 0, max: 3 }) }),
);

/** Runs one op and describes the outcome with revisions relative to `base`, so two stores can be compared. */
async function apply(store: Store, o: Op, base: number): Promise<unknown> {
  const rel = (kv: { key: string; value: string; createRevision: number; modRevision: number; version: number } | undefined) =>
    kv && { key: kv.key, value: kv.value, created: kv.createRevision - base, modified: kv.modRevision - base, version: kv.version };
  try {
    switch (o.op) {
      case 'create':
        return rel(await store.create(o.key, o.value));
      case 'update': {
        const current = await store.get(o.key);
        const expected = current ? current.modRevision - (o.stale ? 1 : 0) : 1;
        return rel(await store.update(o.key, o.value, expected));
      }
      case 'delete':
        return rel(await store.delete(o.key));
      case 'get':
        return rel(await store.get(o.key));
      case 'range': {
        const r = await store.range('/registry/pods/', { limit: o.limit });
        return { kvs: r.kvs.map(rel), more: r.more, revision: r.revision - base };
      }
    }
  } catch (e) {
    if (e instanceof StoreError) return { refused: e.failure.kind, ...('current' in e.failure ? { current: rel(e.failure.current) } : {}) };
    throw e;
  }
}

test('the etcd store answers every operation as the in-memory model does', { skip }, async (t) => {
  let runs = 0;
  let ops = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 30 }), async (sequence) => {
      const real = new EtcdStore({ endpoints: [members!.members[0]!.clientUrl], keyPrefix: `/run-${runs++}` });
      const model = new MemoryStore();
      try {
        const [realBase, modelBase] = [await real.revision(), await model.revision()];
        for (const o of sequence) {
          ops++;
          assert.deepEqual(await apply(real, o, realBase), await apply(model, o, modelBase), `after ${JSON.stringify(o)}`);
        }
      } finally {
        await real.close();
      }
    }),
    { numRuns: 60 },
  );
  t.diagnostic(`${runs} runs, ${ops} operations compared against the model`);
});

test('a watch from a revision delivers every later change under its prefix, in order, with previous values', { skip }, async () => {
  const store = new EtcdStore({ endpoints: [members!.members[0]!.clientUrl], keyPrefix: '/watch-test' });
  try {
    const start = await store.revision();
    const seen: string[] = [];
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    const w = await store.watch('/registry/pods/', start, (e) => {
      seen.push(`${e.type} ${e.kv.key} prev=${e.prevKv?.value ?? '-'}`);
      if (seen.length === 3) done();
    }, (e) => assert.fail(e));
    const a = await store.create('/registry/pods/default/a', 'one');
    await store.create('/registry/minions/n1', 'not watched');
    await store.update('/registry/pods/default/a', 'two', a.modRevision);
    await store.delete('/registry/pods/default/a');
    await all;
    w.cancel();
    assert.deepEqual(seen, ['put /registry/pods/default/a prev=-', 'put /registry/pods/default/a prev=one', 'delete /registry/pods/default/a prev=two']);
  } finally {
    await store.close();
  }
});
