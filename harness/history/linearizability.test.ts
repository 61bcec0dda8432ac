/**
 * The linearizability checker on hand-made histories of one ConfigMap:
 * each history is drawn as intervals [invoked, completed] with the answer
 * each client got, and the checker must accept exactly the ones some
 * sequential order explains.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEachObject, checkLinearizable } from './linearizability.ts';
import { OBJECT_MODEL } from './object-model.ts';
import type { Operation, Outcome, Refusal } from './operations.ts';

let ids = 0;
type Call = Pick<Operation, 'kind'> & Partial<Pick<Operation, 'value' | 'precondition' | 'key' | 'client'>>;
/** One operation from `from` to `to` (Infinity: no answer came). */
function op(call: Call, from: number, to: number, outcome: Outcome): Operation {
  return { id: ids++, client: call.client ?? 0, key: call.key ?? 'cm', kind: call.kind, ...(call.value !== undefined ? { value: call.value } : {}), ...(call.precondition !== undefined ? { precondition: call.precondition } : {}), invokedAt: from, completedAt: to, outcome };
}
const ok = (value: string, rv: number): Outcome => ({ status: 'ok', object: { value, rv } });
const refused = (reason: Refusal): Outcome => ({ status: 'refused', reason });
const lost: Outcome = { status: 'indeterminate', why: '500 etcdserver: request timed out' };

const create = (value: string, from: number, to: number, outcome: Outcome, client = 0) => op({ kind: 'create', value, client }, from, to, outcome);
const get = (from: number, to: number, outcome: Outcome, client = 0) => op({ kind: 'get', client }, from, to, outcome);
const update = (value: string, precondition: number | undefined, from: number, to: number, outcome: Outcome, client = 0) =>
  op({ kind: 'update', value, ...(precondition !== undefined ? { precondition } : {}), client }, from, to, outcome);
const remove = (from: number, to: number, outcome: Outcome, client = 0) => op({ kind: 'delete', client }, from, to, outcome);

const linearizable = (ops: Operation[]) => checkLinearizable(OBJECT_MODEL, ops).linearizable;

test('a sequential life (create, read, conditional update, delete) is linearizable', () => {
  assert.equal(
    linearizable([
      create('a', 0, 1, ok('a', 10)),
      get(2, 3, ok('a', 10)),
      update('b', 10, 4, 5, ok('b', 12)),
      update('c', 10, 6, 7, refused('Conflict')),
      remove(8, 9, ok('b', 12)),
      get(10, 11, refused('NotFound')),
      create('d', 12, 13, ok('d', 20)),
    ]),
    true,
  );
});

test('two clients creating the same name at once: one wins, the other is told AlreadyExists', () => {
  assert.equal(linearizable([create('a', 0, 10, refused('AlreadyExists'), 1), create('b', 1, 5, ok('b', 7), 2)]), true);
});

test('a read overlapping an update may see the old or the new value', () => {
  const history = [create('a', 0, 1, ok('a', 3)), update('b', 3, 2, 10, ok('b', 4), 1)];
  assert.equal(linearizable([...history, get(3, 4, ok('a', 3), 2), get(5, 6, ok('b', 4), 3)]), true);
});

test('the answer order need not match the invocation order of overlapping writes', () => {
  assert.equal(
    linearizable([create('a', 0, 1, ok('a', 3)), update('b', undefined, 2, 20, ok('b', 5), 1), update('c', undefined, 3, 6, ok('c', 4), 2), get(21, 22, ok('b', 5))]),
    true,
  );
});

test('a write with no answer that took effect explains a later read of its value', () => {
  assert.equal(linearizable([create('a', 0, 1, ok('a', 3)), update('b', 3, 2, Infinity, lost, 1), get(10, 11, ok('b', 9), 2), update('c', 9, 12, 13, ok('c', 10), 2)]), true);
});

test('a write with no answer may never take effect', () => {
  assert.equal(linearizable([create('a', 0, Infinity, lost, 1), get(10, 11, refused('NotFound'), 2), create('b', 12, 13, ok('b', 5), 2)]), true);
});

test('a write with no answer may take effect long after its client gave up', () => {
  assert.equal(linearizable([create('a', 0, 1, ok('a', 3)), update('late', undefined, 2, Infinity, lost, 1), get(5, 6, ok('a', 3), 2), get(50, 51, ok('late', 30), 2)]), true);
});

test('with an unknown revision, a conditional update may have applied or not', () => {
  const start = [create('a', 0, 1, ok('a', 3)), update('b', undefined, 2, Infinity, lost, 1)];
  assert.equal(linearizable([...start, update('c', 7, 5, 6, refused('Conflict'), 2), get(8, 9, ok('b', 7), 2)]), true);
});

test('a stale read is not linearizable: the update had completed before the read began', () => {
  assert.equal(linearizable([create('a', 0, 1, ok('a', 3)), update('b', 3, 2, 3, ok('b', 4), 1), get(5, 6, ok('a', 3), 2)]), false);
});

test('an acknowledged create that a later read does not find is a lost write', () => {
  assert.equal(linearizable([create('a', 0, 1, ok('a', 3)), get(2, 3, refused('NotFound'))]), false);
});

test('two creates of one name cannot both succeed', () => {
  assert.equal(linearizable([create('a', 0, 5, ok('a', 3), 1), create('b', 1, 6, ok('b', 4), 2)]), false);
});

test('an update with a resourceVersion the object had left cannot succeed', () => {
  assert.equal(linearizable([create('a', 0, 1, ok('a', 3)), update('b', 3, 2, 3, ok('b', 5)), update('c', 3, 4, 5, ok('c', 6))]), false);
});

test('an update without a resourceVersion is never refused with Conflict', () => {
  assert.equal(linearizable([create('a', 0, 1, ok('a', 3)), update('b', undefined, 2, 3, refused('Conflict'))]), false);
});

test('a read cannot see a write invoked after the read completed', () => {
  assert.equal(linearizable([create('a', 0, 1, ok('a', 3)), get(2, 3, ok('b', 9), 2), update('b', undefined, 4, Infinity, lost, 1)]), false);
});

test('resourceVersions of one object never go back', () => {
  assert.equal(linearizable([create('a', 0, 1, ok('a', 8)), update('b', 8, 2, 3, ok('b', 5))]), false);
});

test('a read of a value nobody wrote is not linearizable', () => {
  assert.equal(linearizable([create('a', 0, 1, ok('a', 3)), get(2, 3, ok('z', 3))]), false);
});

test('a delete returns the object as it was: the value and resourceVersion it had', () => {
  const start = [create('a', 0, 1, ok('a', 3)), update('b', 3, 2, 3, ok('b', 4))];
  assert.equal(linearizable([...start, remove(4, 5, ok('b', 4))]), true);
  assert.equal(linearizable([...start, remove(4, 5, ok('a', 3))]), false);
});

test('a delete answered with a Status Success (as Kubernetes answers for a ConfigMap) says only that the object was there', () => {
  const success: Outcome = { status: 'ok' };
  const created = create('a', 0, 1, ok('a', 3));
  assert.equal(linearizable([created, remove(2, 3, success), get(4, 5, refused('NotFound'))]), true);
  assert.equal(linearizable([remove(0, 1, success)]), false); // nothing to delete
  assert.equal(linearizable([created, remove(2, 3, success), remove(4, 5, success)]), false); // deleted twice
  assert.equal(linearizable([created, remove(2, 3, success), get(4, 5, ok('a', 3))]), false); // still there after
});

test('a refusal names the operation that could not be placed and the longest order found', () => {
  const history = [create('a', 0, 1, ok('a', 3)), update('b', 3, 2, 3, ok('b', 4), 1), get(5, 6, ok('a', 3), 2)];
  const verdict = checkLinearizable(OBJECT_MODEL, history);
  assert.equal(verdict.linearizable, false);
  if (verdict.linearizable) return;
  assert.equal(verdict.kind, 'illegal');
  assert.deepEqual(verdict.longestPrefix.map((i) => history[i]!.id), [history[0]!.id, history[1]!.id]);
  assert.equal(history[verdict.blockedBy!]!.id, history[2]!.id);
});

test('objects are checked apart: a violation on one key leaves the other linearizable', () => {
  const a = [create('a', 0, 1, ok('a', 3)), get(2, 3, refused('NotFound'))].map((o) => ({ ...o, key: 'one' }));
  const b = [create('b', 0, 1, ok('b', 4)), get(2, 3, ok('b', 4))].map((o) => ({ ...o, key: 'two' }));
  const verdicts = checkEachObject(OBJECT_MODEL, [...a, ...b]);
  assert.deepEqual([...verdicts].map(([key, v]) => [key, v.verdict.linearizable]), [['one', false], ['two', true]]);
});

test('a search that needs more steps than its budget says undecided, never linearizable', () => {
  const writes = Array.from({ length: 12 }, (_, i) => update(`v${i}`, undefined, i, Infinity, lost, i));
  const verdict = checkLinearizable(OBJECT_MODEL, [create('a', -2, -1, ok('a', 1)), ...writes, get(100, 101, ok('z', 99))], 50);
  assert.equal(verdict.linearizable, false);
  assert.equal(!verdict.linearizable && verdict.kind, 'undecided');
});
