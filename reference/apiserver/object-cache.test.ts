/**
 * The api-server's own cache lists again when the store ends its watch
 * (its history compacted under it), so what RBAC and admission consult
 * does not freeze at that moment.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryStore } from '../store/memory-store.ts';
import { StoreError, type Store } from '../store/port.ts';
import { ObjectCache } from './object-cache.ts';

const ns = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

test('a watch the store ends is followed by a fresh list, and the cache keeps up', async () => {
  const memory = new MemoryStore();
  const endings: Array<(e: StoreError) => void> = [];
  let paused = false;
  // Events are held back while `paused`, as a watch that fell behind a compaction misses them.
  const store: Store = {
    revision: () => memory.revision(),
    get: (key) => memory.get(key),
    range: (prefix, opts) => memory.range(prefix, opts),
    create: (key, value) => memory.create(key, value),
    update: (key, value, expected) => memory.update(key, value, expected),
    delete: (key, expected) => memory.delete(key, expected),
    compact: (revision) => memory.compact(revision),
    close: () => memory.close(),
    watch(prefix, after, onEvent, onError) {
      endings.push(onError);
      return memory.watch(prefix, after, (e) => !paused && onEvent(e), onError);
    },
  };
  await memory.create('/registry/namespaces/default', ns('default'));
  const cache = new ObjectCache(store, ['namespaces', 'serviceaccounts']);
  await cache.start();
  assert.ok(cache.get('namespaces', undefined, 'default'));

  paused = true;
  await memory.create('/registry/namespaces/later', ns('later'));
  assert.equal(cache.get('namespaces', undefined, 'later'), undefined);
  paused = false;
  endings[0]!(new StoreError({ kind: 'compacted', requested: 1, compactRevision: 3 }));
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(cache.get('namespaces', undefined, 'later'), 'the cache did not list again after its watch ended');
  await memory.create('/registry/namespaces/after', ns('after'));
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(cache.get('namespaces', undefined, 'after'), 'the cache did not watch again after listing');
  cache.stop();
});
