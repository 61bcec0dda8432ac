/** `kubespec serve`'s store flags: what they accept and how they refuse. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { etcdEndpoints, openServeStore, parseDuration } from './serve-store.ts';

test('--store etcd:// takes one or more HOST:PORT', () => {
  assert.deepEqual(etcdEndpoints('etcd://127.0.0.1:2379'), ['http://127.0.0.1:2379']);
  assert.deepEqual(etcdEndpoints('etcd://a:1,b:2'), ['http://a:1', 'http://b:2']);
  for (const bad of ['etcd://', 'http://127.0.0.1:2379', 'etcd://127.0.0.1', 'etcd://a:1,']) assert.throws(() => etcdEndpoints(bad), /expected "memory" or etcd:\/\/HOST:PORT/);
});

test('--request-timeout takes a Go duration, as kube-apiserver does', () => {
  assert.equal(parseDuration('--request-timeout', '60s'), 60_000);
  assert.equal(parseDuration('--request-timeout', '1m0s'), 60_000);
  assert.equal(parseDuration('--request-timeout', '1500ms'), 1500);
  for (const bad of ['60', '0s', 's', '1x', '1m 0s']) assert.throws(() => parseDuration('--request-timeout', bad), /--request-timeout: expected a duration/);
});

test('memory is the default; --etcd-members does not go with --store', async () => {
  const memory = await openServeStore({ store: 'memory', dataDir: '.', callTimeoutMs: 1000 });
  assert.equal(memory.open, undefined);
  await assert.rejects(openServeStore({ store: 'etcd://a:1', etcdMembers: 1, dataDir: '.', callTimeoutMs: 1000 }), /does not go with --store/);
  await assert.rejects(openServeStore({ store: 'memory', etcdMembers: 0, dataDir: '.', callTimeoutMs: 1000 }), /at least 1/);
});
