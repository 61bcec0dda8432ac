import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { repositoryModules, soleAccessViolations, type ModuleSource } from './sole-access.ts';

const root = path.resolve(import.meta.dirname, '../..');
const store = { file: 'reference/store/memory-store.ts', text: 'export class MemoryStore {}' };
const port = { file: 'reference/store/port.ts', text: 'export interface Store {}' };

function violators(modules: ModuleSource[]): string[] {
  return soleAccessViolations([store, port, ...modules]).map((v) => `${v.file} -> ${v.via.join(' -> ')}`);
}

test('no module outside the api-server, the store and the wiring imports the store (A3)', () => {
  const modules = repositoryModules(root);
  assert.ok(modules.some((m) => m.file === 'reference/scheduler/scheduler.ts'), 'the walk did not find the scheduler: it checked nothing');
  assert.deepEqual(soleAccessViolations(modules), []);
});

test('a component importing a store module directly is caught', () => {
  assert.deepEqual(violators([{ file: 'reference/scheduler/x.ts', text: "import { MemoryStore } from '../store/memory-store.ts';" }]), [
    'reference/scheduler/x.ts -> reference/store/memory-store.ts',
  ]);
});

test('type-only, multi-line, dynamic and extension-less imports are caught', () => {
  const found = violators([
    { file: 'reference/kubelet/a.ts', text: "import type {\n  Store,\n} from '../store/port.ts';" },
    { file: 'reference/kubelet/b.ts', text: "const m = await import('../store/memory-store.ts');" },
    { file: 'harness/steps/c.ts', text: "import '../../reference/store/memory-store';" },
  ]);
  assert.equal(found.length, 3, found.join('\n'));
});

test('a re-export through an allowed api-server module is followed and caught', () => {
  const found = violators([
    { file: 'reference/apiserver/leak.ts', text: "export { MemoryStore } from '../store/memory-store.ts';" },
    { file: 'reference/apiserver/leak2.ts', text: "export * from './leak.ts';" },
    { file: 'reference/controllers/sneaky.ts', text: "import { MemoryStore } from '../apiserver/leak2.ts';" },
  ]);
  assert.deepEqual(found, ['reference/controllers/sneaky.ts -> reference/apiserver/leak2.ts -> reference/apiserver/leak.ts -> reference/store/memory-store.ts']);
});

test('importing the api-server itself is allowed: it holds the store but does not hand it on', () => {
  const found = violators([
    { file: 'reference/apiserver/apiserver.ts', text: "import type { Store } from '../store/port.ts';\nexport class ApiServer {}" },
    { file: 'reference/scheduler/s.ts', text: "import type { ApiServer } from '../apiserver/apiserver.ts';" },
    { file: 'reference/cluster.ts', text: "import { MemoryStore } from './store/memory-store.ts';" },
  ]);
  assert.deepEqual(found, []);
});
