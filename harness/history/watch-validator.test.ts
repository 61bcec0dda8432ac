/**
 * The watch validator on hand-made watches against one store log: a
 * ConfigMap "a" created at rv 3, changed at 5, deleted at 7, and "b"
 * created at 6.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ObservedEvent, StoreHistory, WatchRecord } from './operations.ts';
import { historyFromWatches, validateWatches } from './watch-validator.ts';

const log: StoreHistory = {
  fromRevision: 1,
  changes: [
    { revision: 3, key: 'a', type: 'put', value: 'a1' },
    { revision: 5, key: 'a', type: 'put', value: 'a2' },
    { revision: 6, key: 'b', type: 'put', value: 'b1' },
    { revision: 7, key: 'a', type: 'delete' },
  ],
};
const e = (type: ObservedEvent['type'], key: string, value: string, rv: number): ObservedEvent => ({ type, key, value, rv, receivedAt: rv });
const ADDED_A = e('ADDED', 'a', 'a1', 3);
const MODIFIED_A = e('MODIFIED', 'a', 'a2', 5);
const ADDED_B = e('ADDED', 'b', 'b1', 6);
const DELETED_A = e('DELETED', 'a', 'a2', 7);

let ids = 0;
const watch = (fromRevision: number, events: ObservedEvent[], extra: Partial<WatchRecord> = {}): WatchRecord => ({ id: ids++, client: 0, prefix: '', fromRevision, startedAt: 0, events, ...extra });
const kinds = (watches: WatchRecord[], history = log) => validateWatches(watches, history).map((v) => v.kind);

test('a watch that delivers the log after its start, in order, passes', () => {
  assert.deepEqual(kinds([watch(1, [ADDED_A, MODIFIED_A, ADDED_B, DELETED_A]), watch(5, [ADDED_B, DELETED_A]), watch(4, [MODIFIED_A])]), []);
});

test('a watch of one prefix gets only its keys', () => {
  assert.deepEqual(kinds([watch(1, [ADDED_A, MODIFIED_A, DELETED_A], { prefix: 'a' })]), []);
  assert.deepEqual(kinds([watch(1, [ADDED_A, MODIFIED_A, ADDED_B], { prefix: 'a' })]), ['unexpected']);
});

test('a skipped change is a gap', () => {
  assert.deepEqual(kinds([watch(1, [ADDED_A, ADDED_B])]), ['missed']);
});

test('a change delivered twice breaks order and uniqueness', () => {
  assert.deepEqual(kinds([watch(1, [ADDED_A, MODIFIED_A, MODIFIED_A])]), ['unordered', 'unexpected']);
});

test('changes out of revision order are caught', () => {
  assert.deepEqual(kinds([watch(1, [ADDED_A, ADDED_B, MODIFIED_A])]), ['unordered', 'missed']);
});

test('a resumed watch must start right after the revision it asked for', () => {
  assert.deepEqual(kinds([watch(5, [MODIFIED_A, ADDED_B])]), ['unexpected']);
  assert.deepEqual(kinds([watch(5, [DELETED_A])]), ['missed']);
});

test('an event whose value or type differs from the store change is caught', () => {
  assert.deepEqual(kinds([watch(4, [e('MODIFIED', 'a', 'zz', 5)])]), ['different']);
  assert.deepEqual(kinds([watch(4, [e('ADDED', 'a', 'a2', 5)])]), ['different']);
});

test('a watch the run waited for must have delivered every change up to the revision it waited for', () => {
  assert.deepEqual(kinds([watch(1, [ADDED_A], { mustReach: 6 })]), ['stalled']);
  assert.deepEqual(kinds([watch(1, [ADDED_A, MODIFIED_A, ADDED_B], { mustReach: 6 })]), []);
  assert.deepEqual(kinds([watch(1, [ADDED_A])]), []);
});

test('a watch asking for compacted history must get 410 Expired and nothing else', () => {
  const compacted = { ...log, compactRevision: 6, compactedAt: 10 };
  const later = { startedAt: 11 };
  assert.deepEqual(kinds([watch(2, [], { ...later, end: { kind: 'expired', at: 12 } })], compacted), []);
  assert.deepEqual(kinds([watch(2, [ADDED_B, DELETED_A], later)], compacted), ['not-expired']);
  assert.deepEqual(kinds([watch(5, [ADDED_B, DELETED_A], later)], compacted), []);
});

test('a watch opened before the compaction keeps its history', () => {
  assert.deepEqual(kinds([watch(1, [ADDED_A, MODIFIED_A, ADDED_B, DELETED_A], { startedAt: 1 })], { ...log, compactRevision: 6, compactedAt: 10 }), []);
});

test('410 Expired for history that was still there is a violation', () => {
  assert.deepEqual(kinds([watch(5, [], { end: { kind: 'expired', at: 1 } })], { ...log, compactRevision: 3 }), ['expired-wrongly']);
});

test("kube-apiserver's watch cache may answer 410 below its window, naming the requested rv and the window's floor above it", () => {
  const expired = (message: string) => ({ end: { kind: 'expired' as const, at: 1, message } });
  const cached = (watches: WatchRecord[]) => validateWatches(watches, log, 'watch-cache').map((v) => v.kind);
  assert.deepEqual(cached([watch(5, [], expired('410 too old resource version: 5 (6)'))]), []);
  // the same answer from an api-server that promises 410 only for compacted history
  assert.deepEqual(kinds([watch(5, [], expired('410 too old resource version: 5 (6)'))]), ['expired-wrongly']);
  // a floor at or below the requested rv, another rv, or no floor at all: the history was there to serve
  assert.deepEqual(cached([watch(5, [], expired('410 too old resource version: 5 (5)'))]), ['expired-wrongly']);
  assert.deepEqual(cached([watch(5, [], expired('410 too old resource version: 4 (6)'))]), ['expired-wrongly']);
  assert.deepEqual(cached([watch(5, [], expired('410 Expired'))]), ['expired-wrongly']);
});

test('without a store log, the watches make one, and must agree on every revision', () => {
  const { history, disagreements } = historyFromWatches([watch(1, [ADDED_A, MODIFIED_A]), watch(4, [MODIFIED_A, ADDED_B])], 1);
  assert.deepEqual(history.changes.map((c) => c.revision), [3, 5, 6]);
  assert.deepEqual(disagreements, []);
  const split = historyFromWatches([watch(1, [ADDED_A]), watch(1, [e('ADDED', 'a', 'other', 3)])], 1);
  assert.equal(split.disagreements.length, 1);
});
