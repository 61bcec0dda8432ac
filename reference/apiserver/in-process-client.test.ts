/**
 * The in-process client keeps components apart as a network would: what a
 * caller does to its own objects, before or after a request, never reaches
 * the api-server or another caller, and a watch event cannot be changed by
 * the one watcher it is shared with.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WatchEvent } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { testApiServer } from './test-apiserver.ts';

const configMap = (data: Record<string, string>): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data }) as KubeObject;

test('an answer changed by its caller, or a body changed after it was sent, changes nothing stored', async () => {
  const { admin } = await testApiServer();
  const body = configMap({ mode: 'fast' });
  const sending = admin.create('configmaps', body, { namespace: 'default' });
  (body.data as Record<string, string>).mode = 'changed after sending';
  const created = await sending;
  (created.data as Record<string, string>).mode = 'changed in the answer';
  const first = await admin.get('configmaps', 'settings', { namespace: 'default' });
  assert.deepEqual(first.data, { mode: 'fast' });
  (first.data as Record<string, string>).mode = 'changed by the first reader';
  assert.deepEqual((await admin.get('configmaps', 'settings', { namespace: 'default' })).data, { mode: 'fast' });
});

test('a watch event is read-only: changing it throws, and the other watcher sees it as it was', async () => {
  const { admin, settle } = await testApiServer();
  const seen: WatchEvent[] = [];
  const refused: unknown[] = [];
  await admin.watch('configmaps', { namespace: 'default' }, (e) => {
    try {
      (e.object.data as Record<string, string>).mode = 'changed by a watcher';
    } catch (error) {
      refused.push(error);
    }
  });
  await admin.watch('configmaps', { namespace: 'default' }, (e) => void seen.push(e));
  await admin.create('configmaps', configMap({ mode: 'fast' }), { namespace: 'default' });
  await settle();
  assert.equal(refused.length, 1);
  assert.ok(refused[0] instanceof TypeError);
  assert.deepEqual(seen.map((e) => e.object.data), [{ mode: 'fast' }]);
});
