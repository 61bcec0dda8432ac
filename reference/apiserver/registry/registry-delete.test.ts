/** A DELETE without preconditions succeeds even when another write lands between its read and its delete. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConflict } from '../../../spec/objects/status.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { seededRandom } from '../../runtime/random.ts';
import { MemoryStore } from '../../store/memory-store.ts';
import type { Store } from '../../store/port.ts';
import { ConfigMap } from '../../../spec/objects/configmap.ts';
import { Registry } from './registry.ts';
import { genericStrategy } from './strategy.ts';
import { RESOURCES } from './resources.ts';

const admin = { name: 'kubernetes-admin', groups: ['system:masters'] };

/** A store whose next `delete` first lets a rival write the same key, as a racing binding would. */
function racingStore(store: MemoryStore, rivalWrites: number): Store {
  let left = rivalWrites;
  return Object.assign(Object.create(store) as Store, {
    async delete(key: string, expected?: number) {
      if (left-- > 0) {
        const current = (await store.get(key))!;
        await store.update(key, current.value, current.modRevision);
      }
      return store.delete(key, expected);
    },
  });
}

function registryOn(store: Store): Registry {
  const configmaps = RESOURCES.get('configmaps')!;
  return new Registry(configmaps, { store, admission: { mutating: [], validating: [] }, user: admin, clock: new VirtualClock(), random: seededRandom(1), strategy: genericStrategy(configmaps, ConfigMap) });
}

test('a delete that a concurrent write overtakes is retried, not answered with 409', async () => {
  const memory = new MemoryStore();
  await registryOn(memory).create('default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
  await registryOn(racingStore(memory, 2)).delete('default', 'settings');
  assert.equal(await memory.get('/registry/configmaps/default/settings'), undefined);
});

test('a delete overtaken on every attempt gives up with the Conflict Status', async () => {
  const memory = new MemoryStore();
  await registryOn(memory).create('default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
  await assert.rejects(registryOn(racingStore(memory, 100)).delete('default', 'settings'), (e: unknown) => {
    assert.ok(isConflict(e), String(e));
    return true;
  });
  assert.ok(await memory.get('/registry/configmaps/default/settings'), 'nothing was deleted');
});
