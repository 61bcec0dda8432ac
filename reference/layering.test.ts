// The dependency rules of .dependency-cruiser.mjs, shown to bite: each test
// writes a small tree of modules to a temporary folder, runs dependency-cruiser
// on it with the project's own configuration, and reads back which rule each
// offending import broke. The last test runs it on the repository itself.
//
// dependency-cruiser runs as its command, as `npm run deps` runs it: inside
// this tsx-loaded process its swc visitor would be loaded through tsx's
// CommonJS interop, which hands it the wrong export.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import type { ICruiseResult } from 'dependency-cruiser';

const root = path.resolve(import.meta.dirname, '..');
const config = path.join(root, '.dependency-cruiser.mjs');
const depcruise = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
/** What `npm run deps` cruises: every folder with code, and the cucumber configuration. */
const ENTRY_POINTS = ['reference', 'harness', 'spec', 'bin', 'bench', 'docs', 'cucumber.mjs'];

const scratch = mkdtempSync(path.join(tmpdir(), 'kubespec-layering-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Cruises `baseDir` with the project's rules; each violation as `rule: from → to`, known ones left out. */
async function violationsIn(baseDir: string, entryPoints: string[]): Promise<{ violations: string[]; result: ICruiseResult }> {
  const args = [depcruise, '--config', config, '--output-type', 'json', ...entryPoints];
  // depcruise exits non-zero when it finds violations: read its report either way.
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, args, { cwd: baseDir, maxBuffer: 256 * 1024 * 1024 }, (_error, stdout, stderr) => resolve({ stdout, stderr }));
  });
  assert.ok(stdout.trim().startsWith('{'), `dependency-cruiser printed no cruise result:\n${stderr}`);
  const result = JSON.parse(stdout) as ICruiseResult;
  const violations = result.summary.violations
    .filter((v) => v.rule.severity !== 'ignore')
    .map((v) => `${v.rule.name}: ${[v.from, ...(v.cycle ? v.cycle.map((c) => c.name) : [v.to])].join(' → ')}`);
  return { violations: violations.sort(), result };
}

let trees = 0;
/** A legal little control plane: a store, an api-server holding it, the wiring, a scheduler, a client, a step. */
const LEGAL: Record<string, string> = {
  'reference/store/port.ts': 'export interface Store { get(key: string): unknown }',
  'reference/store/memory-store.ts': "import type { Store } from './port.ts';\nexport class MemoryStore implements Store { get() { return undefined; } }",
  'reference/apiserver/apiserver.ts': "import type { Store } from '../store/port.ts';\nexport class ApiServer { constructor(readonly store: Store) {} }",
  'reference/client/informer.ts': "import type { Pod } from '../../spec/pod.ts';\nexport const informer = (pods: Pod[]) => pods;",
  'reference/scheduler/scheduler.ts': "import { informer } from '../client/informer.ts';\nexport const schedule = () => informer([]);",
  'reference/cluster.ts':
    "import { MemoryStore } from './store/memory-store.ts';\nimport { ApiServer } from './apiserver/apiserver.ts';\nimport { schedule } from './scheduler/scheduler.ts';\n" +
    'export const cluster = () => ({ apiserver: new ApiServer(new MemoryStore()), schedule });',
  'reference/scheduler/scheduler.model.test.ts': "import { cluster } from '../cluster.ts';\ncluster();",
  'spec/pod.ts': 'export interface Pod { name: string }',
  'harness/steps/pods.steps.ts': "import type { ApiServer } from '../../reference/apiserver/apiserver.ts';\nexport let server: ApiServer | undefined;",
};

/** The legal tree plus `extra` (a file named in both is replaced), written to a folder of its own and cruised. */
async function violations(extra: Record<string, string> = {}, entryPoints = ['reference', 'harness', 'spec']): Promise<string[]> {
  const dir = path.join(scratch, `tree-${++trees}`);
  for (const [file, text] of Object.entries({ ...LEGAL, ...extra })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), `${text}\n`);
  }
  return (await violationsIn(dir, entryPoints)).violations;
}

// Each test cruises a tree of its own, so they run side by side.
describe('the dependency rules', { concurrency: true }, () => {
  test('a control plane laid out as DESIGN.md says breaks no rule: the api-server holds the store, the wiring builds it', async () => {
    assert.deepEqual(await violations(), []);
  });

  test('A3: a component importing a store module directly is reported', async () => {
    assert.deepEqual(await violations({ 'reference/scheduler/cache.ts': "import { MemoryStore } from '../store/memory-store.ts';\nnew MemoryStore();" }), [
      'only-the-api-server-holds-a-store: reference/scheduler/cache.ts → reference/store/memory-store.ts',
    ]);
  });

  test('A3: a type-only import counts, however it is written', async () => {
    assert.deepEqual(
      await violations({
        'reference/kubelet/a.ts': "import type {\n  Store,\n} from '../store/port.ts';\nexport let s: Store | undefined;",
        'reference/kubelet/b.ts': "import { type Store as S } from '../store/port.ts';\nexport let s: S | undefined;",
        'harness/support/c.ts': "export const read = (s: import('../../reference/store/port.ts').Store) => s.get('k');",
      }),
      [
        'only-the-api-server-holds-a-store: harness/support/c.ts → reference/store/port.ts',
        'only-the-api-server-holds-a-store: reference/kubelet/a.ts → reference/store/port.ts',
        'only-the-api-server-holds-a-store: reference/kubelet/b.ts → reference/store/port.ts',
      ],
    );
  });

  test('A3: a dynamic import and an extension-less side-effect import are reported', async () => {
    assert.deepEqual(
      await violations({
        'reference/controllers/lazy.ts': "export const load = () => import('../store/memory-store.ts');",
        'harness/steps/side.steps.ts': "import '../../reference/store/memory-store';",
      }),
      [
        'only-the-api-server-holds-a-store: harness/steps/side.steps.ts → reference/store/memory-store.ts',
        'only-the-api-server-holds-a-store: reference/controllers/lazy.ts → reference/store/memory-store.ts',
      ],
    );
  });

  test('A3: a re-export chain through the api-server is reported where it hands the store on, and a component using it is reported too', async () => {
    assert.deepEqual(
      await violations({
        'reference/apiserver/leak.ts': "export { MemoryStore } from '../store/memory-store.ts';\nexport type { Store } from '../store/port.ts';",
        'reference/apiserver/leak2.ts': "export * from './leak.ts';",
        'harness/steps/sneaky.steps.ts': "import { MemoryStore } from '../../reference/apiserver/leak2.ts';\nnew MemoryStore();",
        'reference/controllers/sneaky.ts': "import type { Store } from '../apiserver/leak2.ts';\nexport let s: Store | undefined;",
      }),
      [
        'components-do-not-import-each-other: reference/controllers/sneaky.ts → reference/apiserver/leak2.ts',
        'the-store-is-not-handed-on: reference/apiserver/leak.ts → reference/store/memory-store.ts',
        'the-store-is-not-handed-on: reference/apiserver/leak.ts → reference/store/port.ts',
      ],
    );
  });

  test('components do not import each other nor, outside their tests, the wiring', async () => {
    assert.deepEqual(
      await violations({
        'reference/controllers/replicaset.ts': "import { schedule } from '../scheduler/scheduler.ts';\nschedule();",
        'reference/kubelet/kubelet.ts': "import type { ApiServer } from '../apiserver/apiserver.ts';\nexport let a: ApiServer | undefined;",
        'reference/proxy/proxy.ts': "import { cluster } from '../cluster.ts';\ncluster();",
      }),
      [
        'components-do-not-import-each-other: reference/controllers/replicaset.ts → reference/scheduler/scheduler.ts',
        'components-do-not-import-each-other: reference/kubelet/kubelet.ts → reference/apiserver/apiserver.ts',
        'components-do-not-import-the-wiring: reference/proxy/proxy.ts → reference/cluster.ts',
      ],
    );
  });

  test('the shared layers import no component, spec/ imports nothing of ours, reference/ nothing of the harness', async () => {
    assert.deepEqual(
      await violations({
        'reference/client/workqueue.ts': "import { schedule } from '../scheduler/scheduler.ts';\nexport const drain = () => schedule();",
        'spec/pod.ts': "import type { ApiServer } from '../reference/apiserver/apiserver.ts';\nexport interface Pod { name: string; server?: ApiServer }",
        'reference/api/quantity.ts': "import type { server } from '../../harness/steps/pods.steps.ts';\nexport type Q = typeof server;",
      }),
      [
        'reference-does-not-import-the-harness: reference/api/quantity.ts → harness/steps/pods.steps.ts',
        'shared-layers-import-no-component: reference/client/workqueue.ts → reference/scheduler/scheduler.ts',
        'spec-stands-alone: spec/pod.ts → reference/apiserver/apiserver.ts',
      ],
    );
  });

  test('an example in docs/ imports the package by its name, never a path into the repository', async () => {
    assert.deepEqual(
      await violations({
        'package.json': JSON.stringify({ name: 'kubespec', type: 'module', exports: { '.': './spec/pod.ts' } }),
        'docs/examples/fine.ts': "import type { Pod } from 'kubespec';\nexport let pod: Pod | undefined;",
        'docs/examples/peeking.ts': "import type { Pod } from '../../spec/pod.ts';\nexport let pod: Pod | undefined;",
      }, ['docs']),
      ['docs-use-only-the-package-exports: docs/examples/peeking.ts → spec/pod.ts'],
    );
  });

  test('a new import cycle is reported; the cycles listed as known are tolerated', async () => {
    assert.deepEqual(
      await violations({
        'reference/kubelet/kubelet.ts': "import { nodeObject } from './node-status.ts';\nexport interface KubeletConfig { name: string }\nnodeObject({ name: 'n' });",
        'reference/kubelet/node-status.ts': "import type { KubeletConfig } from './kubelet.ts';\nexport const nodeObject = (c: KubeletConfig) => c.name;",
        'reference/scheduler/a.ts': "import { b } from './b.ts';\nexport const a = () => b;",
        'reference/scheduler/b.ts': "import { a } from './a.ts';\nexport const b = () => a;",
      }),
      ['no-circular: reference/scheduler/a.ts → reference/scheduler/b.ts → reference/scheduler/a.ts'],
    );
  });

  test('an import that resolves to no file is reported: no rule could see where it leads', async () => {
    assert.deepEqual(await violations({ 'reference/scheduler/typo.ts': "import { x } from '../stor/memory-store.ts';\nx();" }), [
      'no-unresolvable-import: reference/scheduler/typo.ts → ../stor/memory-store.ts',
    ]);
  });

  test('the repository itself breaks no dependency rule', async () => {
    const { violations: found, result } = await violationsIn(root, ENTRY_POINTS);
    const cruised = new Set(result.modules.map((m) => m.source));
    for (const witness of ['reference/scheduler/scheduler.ts', 'reference/store/memory-store.ts', 'reference/apiserver/apiserver.ts', 'harness/cli/run-all-tests.mjs']) {
      assert.ok(cruised.has(witness), `the cruise did not reach ${witness}: it checked less than it claims`);
    }
    assert.deepEqual(found, [], `dependency rules broken (see .dependency-cruiser.mjs for each rule's reason):\n${found.join('\n')}`);
  });
});
