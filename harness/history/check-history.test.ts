/**
 * The store's log against what clients were told: acknowledged writes it
 * does not hold are lost; unanswered writes it never holds never happened;
 * unanswered writes it holds happened at its revision. And the whole check
 * on a small history.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkHistory } from './check-history.ts';
import { findLostWrites } from './lost-writes.ts';
import type { History, Operation, Outcome, StoreHistory } from './operations.ts';
import { resolveUnanswered } from './unanswered-writes.ts';

let ids = 0;
const op = (kind: Operation['kind'], value: string | undefined, from: number, to: number, outcome: Outcome): Operation => ({
  id: ids++, client: 0, key: 'cm', kind, ...(value !== undefined ? { value } : {}), invokedAt: from, completedAt: to, outcome,
});
const ok = (value: string, rv: number): Outcome => ({ status: 'ok', object: { value, rv } });
const lost: Outcome = { status: 'indeterminate', why: '504 Timeout' };

const log: StoreHistory = {
  fromRevision: 1,
  changes: [
    { revision: 3, key: 'cm', type: 'put', value: 'a' },
    { revision: 4, key: 'cm', type: 'put', value: 'b' },
    { revision: 9, key: 'cm', type: 'delete' },
  ],
};

test('acknowledged writes the log holds as answered are not lost', () => {
  const result = findLostWrites([op('create', 'a', 0, 1, ok('a', 3)), op('update', 'b', 2, 3, ok('b', 4)), op('delete', undefined, 5, 6, ok('b', 4))], log);
  assert.deepEqual(result, { checked: 3, lost: [] });
});

test("a delete answered with a Status Success (Kubernetes' answer for ConfigMaps) must be one of the log's deletes of that key", () => {
  const success: Outcome = { status: 'ok' };
  assert.deepEqual(findLostWrites([op('delete', undefined, 5, 6, success)], log), { checked: 1, lost: [] });
  const twice = findLostWrites([op('delete', undefined, 5, 6, success), op('delete', undefined, 5, 7, success)], log);
  assert.equal(twice.checked, 2);
  assert.deepEqual(twice.lost.map((l) => l.message.split(': ').at(-1)), ['2 deletes of cm acknowledged, the store made 1']);
});

test('an acknowledged write missing from the log, or at another revision, is lost', () => {
  const result = findLostWrites([op('update', 'c', 2, 3, ok('c', 5)), op('update', 'b', 2, 3, ok('b', 6)), op('delete', undefined, 5, 6, ok('a', 3))], log);
  assert.equal(result.checked, 3);
  assert.deepEqual(result.lost.map((l) => l.message.split(': ').at(-1)), ['not in the store', 'the store has it at rv 4', 'the store never deleted that version']);
});

test('an unanswered write the log never holds is dropped; one it holds gets its revision and the time it was first seen', () => {
  const history: History = {
    operations: [
      op('create', 'a', 0, 1, ok('a', 3)),
      op('update', 'b', 2, Infinity, lost),
      op('update', 'never', 2, Infinity, lost),
      op('get', undefined, 7, 8, ok('b', 4)),
      op('get', undefined, 7, Infinity, lost),
    ],
    watches: [],
    store: log,
  };
  const resolved = resolveUnanswered(history);
  assert.deepEqual(resolved.map((o) => [o.value ?? o.kind, o.completedAt, o.outcome.status]), [['a', 1, 'ok'], ['b', 8, 'ok'], ['get', 8, 'ok']]);
});

test('without a store log, unanswered writes stay open-ended', () => {
  const resolved = resolveUnanswered({ operations: [op('update', 'b', 2, Infinity, lost)], watches: [] });
  assert.equal(resolved[0]!.completedAt, Infinity);
});

test('the whole check counts outcomes and finds a stale read, a lost write and a watch gap', () => {
  const history: History = {
    operations: [
      op('create', 'a', 0, 1, ok('a', 3)),
      op('update', 'b', 2, 3, ok('b', 4)),
      op('get', undefined, 5, 6, ok('a', 3)),
      op('update', 'c', 6, 7, ok('c', 5)),
      op('update', 'x', 6, Infinity, lost),
      op('get', undefined, 6, 7, { status: 'unsent', why: 'ECONNREFUSED' }),
    ],
    watches: [{ id: 1, client: 9, prefix: '', fromRevision: 1, startedAt: 0, events: [{ type: 'ADDED', key: 'cm', value: 'a', rv: 3, receivedAt: 1 }, { type: 'DELETED', key: 'cm', value: 'b', rv: 9, receivedAt: 9 }] }],
    store: log,
  };
  const report = checkHistory(history);
  assert.deepEqual([report.attempted, report.acknowledged, report.indeterminate, report.unsent], [6, 4, 1, 1]);
  assert.equal(report.lost.length, 1);
  assert.equal(report.linearizability.violations.length, 1);
  assert.match(report.linearizability.violations[0]!, /cm: not linearizable/);
  assert.deepEqual(report.watches.violations.map((v) => v.kind), ['missed']);
});

test('a clean history passes every check', () => {
  const history: History = {
    operations: [op('create', 'a', 0, 1, ok('a', 3)), op('update', 'b', 2, 3, ok('b', 4)), op('get', undefined, 5, 6, ok('b', 4)), op('delete', undefined, 7, 8, ok('b', 4))],
    watches: [{ id: 1, client: 9, prefix: '', fromRevision: 1, startedAt: 0, mustReach: 9, events: [{ type: 'ADDED', key: 'cm', value: 'a', rv: 3, receivedAt: 1 }, { type: 'MODIFIED', key: 'cm', value: 'b', rv: 4, receivedAt: 3 }, { type: 'DELETED', key: 'cm', value: 'b', rv: 9, receivedAt: 9 }] }],
    store: log,
  };
  const report = checkHistory(history);
  assert.deepEqual([report.lost, report.linearizability.violations, report.watches.violations], [[], [], []]);
  assert.equal(report.writesChecked, 3);
});
