/**
 * What the api-server makes of etcd's failures, on the error texts the
 * etcd3 client really produces (seen against Debian's etcd 3.4 here).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BrokenCircuitError } from 'cockatiel';
import { etcdFailure, neverSent } from './etcd-faults.ts';
import { isCompaction } from './etcd-watch.ts';

const grpc = (text: string) => new Error(text);

test('a call refused at connection, or kept back by an open breaker, provably never reached etcd', () => {
  assert.ok(neverSent(grpc('14 UNAVAILABLE: No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:39775.')));
  assert.ok(neverSent(new BrokenCircuitError()));
  assert.ok(!neverSent(grpc('14 UNAVAILABLE: etcdserver: request timed out')));
  assert.ok(!neverSent(grpc('14 UNAVAILABLE: read ECONNRESET')));
});

test("etcd's own errors pass through with etcd's words, as Kubernetes passes them (500)", () => {
  assert.deepEqual(etcdFailure(grpc('14 UNAVAILABLE: etcdserver: request timed out')).failure, { kind: 'unavailable', message: 'etcdserver: request timed out' });
  assert.deepEqual(etcdFailure(grpc('14 UNAVAILABLE: etcdserver: leader changed')).failure, { kind: 'unavailable', message: 'etcdserver: leader changed' });
});

test('no answer before the deadline is a timeout (504), whoever noticed it', () => {
  assert.equal(etcdFailure(grpc('4 DEADLINE_EXCEEDED: Deadline exceeded after 8.004s'), 8000).failure.kind, 'timeout');
  assert.equal(etcdFailure(grpc('2 UNKNOWN: context deadline exceeded'), 8000).failure.kind, 'timeout');
  assert.equal(etcdFailure(grpc('14 UNAVAILABLE: No connection established'), 8000).failure.kind, 'timeout');
});

test('a watch etcd cancels with no reason was asked for compacted history', () => {
  assert.ok(isCompaction(grpc('Watcher canceled: ')));
  assert.ok(isCompaction(grpc('mvcc: required revision has been compacted')));
  assert.ok(!isCompaction(grpc('Watcher canceled: permission denied')));
});
