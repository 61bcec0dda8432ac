/**
 * kube-apiserver's --request-timeout: a request its store does not answer
 * in time gets 504 Timeout with Kubernetes' message (the timeout filter,
 * WithTimeoutForNonLongRunningRequests), not a hang; other requests go on.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStatusError } from '../../spec/objects/status.ts';
import { ReferenceCluster } from '../cluster.ts';
import { MemoryStore } from '../store/memory-store.ts';
import type { Store } from '../store/port.ts';

test('a request the store leaves unanswered past the request timeout gets 504 Timeout', async () => {
  const memory = new MemoryStore();
  let release!: () => void;
  const stuck = new Promise<void>((resolve) => (release = resolve));
  const store: Store = {
    revision: () => memory.revision(),
    async get(key) {
      if (key.endsWith('/stuck')) await stuck; // an etcd member that hangs
      return memory.get(key);
    },
    range: (prefix, opts) => memory.range(prefix, opts),
    create: (key, value) => memory.create(key, value),
    update: (key, value, expected) => memory.update(key, value, expected),
    delete: (key, expected) => memory.delete(key, expected),
    watch: (prefix, after, onEvent, onError) => memory.watch(prefix, after, onEvent, onError),
    compact: (revision) => memory.compact(revision),
    close: () => memory.close(),
  };
  const cluster = await new ReferenceCluster({}, { clock: 'real', requestTimeoutMs: 200, store }).start();
  try {
    const admin = cluster.client();
    const alive = setInterval(() => {}, 1000); // the real clock's timers are unref'd; a server's socket keeps the process up
    const answer = await admin.get('configmaps', 'stuck', { namespace: 'default' }).then(() => undefined, (e: unknown) => e);
    clearInterval(alive);
    assert.ok(isStatusError(answer), `expected a Status, got ${String(answer)}`);
    assert.deepEqual([answer.status.code, answer.status.reason, answer.status.message], [504, 'Timeout', 'Timeout: request did not complete within the allotted timeout']);
    assert.equal((await admin.list('namespaces')).items.length, 4, 'the server stopped answering other requests');
  } finally {
    release();
    await cluster.stop();
  }
});
