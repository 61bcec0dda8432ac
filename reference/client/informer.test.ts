/**
 * An informer whose watch the server ends lists again and resumes; when
 * that list fails (the api-server or its etcd is down), it tries again
 * after a back-off instead of giving up or crashing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiClient, WatchEvent } from '../../spec/adapter.ts';
import type { KubeList, KubeObject } from '../../spec/objects/meta.ts';
import { Informer } from './informer.ts';

const cm = (name: string, rv: number): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion: String(rv) } });

/** A client whose lists answer from `objects` unless told to fail, and whose watches the test can end. */
function fakeClient(objects: KubeObject[]) {
  let failures = 0;
  const closers: Array<(error?: unknown) => void> = [];
  const client = {
    lists: 0,
    async list() {
      client.lists++;
      if (failures > 0) {
        failures--;
        throw new Error('500: etcdserver: request timed out');
      }
      return { apiVersion: 'v1', kind: 'ConfigMapList', metadata: { resourceVersion: '10' }, items: structuredClone(objects) } as KubeList;
    },
    async watch(_r: string, _o: unknown, _e: (e: WatchEvent) => void, onClose?: (error?: unknown) => void) {
      closers.push(onClose ?? (() => {}));
      return { stop() {} };
    },
  };
  return { client, failNextLists: (n: number) => (failures = n), endWatch: () => closers.at(-1)!(new Error('410 Expired')) };
}

test('after its watch ends, an informer lists again; a failed list is retried after a back-off', async () => {
  const objects = [cm('a', 3)];
  const fake = fakeClient(objects);
  const added: string[] = [];
  const informer = new Informer(fake.client as unknown as ApiClient, 'configmaps', {}, { onAdd: (o) => void added.push(o.metadata.name!) });
  await informer.start();
  assert.deepEqual(added, ['a']);

  objects.push(cm('b', 7));
  fake.failNextLists(1);
  fake.endWatch();
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(fake.client.lists, 2, 'the informer did not list again when its watch ended');
  assert.deepEqual(added, ['a'], 'the failed list changed the cache');
  await new Promise((resolve) => setTimeout(resolve, 1000)); // the first back-off is 800 ms
  assert.equal(fake.client.lists, 3, 'the informer did not retry the failed list');
  assert.deepEqual(added, ['a', 'b']);
  informer.stop();
});
