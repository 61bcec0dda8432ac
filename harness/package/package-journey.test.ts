/**
 * The journey of a user who plugs in their own control plane: kubespec packed
 * with `npm pack`, installed into a new project made with `npm init -y`
 * (CommonJS, npm's default), an adapter written beside it, and
 * `npx kubespec conformance --adapter ./my-adapter.ts` run as the README
 * says. A faithful adapter gets a passing verdict and exit code 0; a faulty
 * one gets a failing verdict and a non-zero exit code. Reports land in the
 * user's working directory.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runGuide } from './run-guide.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Four scenarios: enough to tell a right placement from a wrong one, quick to run. */
const TAGS = '@scheduler.picks-highest-rank';

let project = '';

function sh(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 300_000 });
  return { code: r.status ?? 1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

const conformance = (adapter: string, cwd = project) => sh('npx', ['--no-install', 'kubespec', 'conformance', '--adapter', adapter, '--tags', TAGS], cwd);

/** The reference, wrapped so that every pod it reads back claims to be on no node: a plausible bug in a client. */
const FAULTY = `
import { referenceAdapter } from 'kubespec/adapters';
import type { Adapter, ApiClient } from 'kubespec';
const forget = (o: any) => (o?.kind === 'Pod' && o.spec ? { ...o, spec: { ...o.spec, nodeName: undefined } } : o);
const wrap = (c: ApiClient): ApiClient => ({ ...c, get: async (...a: Parameters<ApiClient['get']>) => forget(await c.get(...a)) } as ApiClient);
export default {
  ...referenceAdapter,
  name: 'faulty',
  async start(config) {
    const cluster = await referenceAdapter.start(config);
    const client = cluster.client.bind(cluster);
    return Object.assign(Object.create(Object.getPrototypeOf(cluster)), cluster, { client: (as?: any) => wrap(client(as)) });
  },
} satisfies Adapter;
`;

describe('kubespec installed from its packed tarball into a new project', { timeout: 900_000 }, () => {
  before(() => {
    project = mkdtempSync(path.join(tmpdir(), 'kubespec-user-'));
    const packed = sh('npm', ['pack', '--pack-destination', project], ROOT);
    assert.equal(packed.code, 0, packed.out);
    const tarball = readdirSync(project).find((f) => f.endsWith('.tgz'));
    assert.ok(tarball, `npm pack wrote no tarball:\n${packed.out}`);
    assert.equal(sh('npm', ['init', '-y'], project).code, 0);
    const installed = sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `./${tarball}`], project);
    assert.equal(installed.code, 0, installed.out);

    writeFileSync(path.join(project, 'my-adapter.ts'), `import { referenceAdapter } from 'kubespec/adapters';
import type { Adapter } from 'kubespec';
export default { ...referenceAdapter, name: 'mine-ts' } satisfies Adapter;
`);
    writeFileSync(path.join(project, 'my-adapter.mts'), `import { referenceAdapter } from 'kubespec/adapters';
export const adapter = { ...referenceAdapter, name: 'mine-mts' };
`);
    // (In folders of their own: beside my-adapter.ts, tsx would resolve my-adapter.js to the .ts file.)
    mkdirSync(path.join(project, 'cjs'));
    writeFileSync(path.join(project, 'cjs/my-adapter.js'), `const { referenceAdapter } = require('kubespec/adapters');
module.exports = { ...referenceAdapter, name: 'mine-cjs' };
`);
    // An ES-module package inside the project: its .js files are ESM.
    mkdirSync(path.join(project, 'esm'));
    writeFileSync(path.join(project, 'esm/package.json'), '{ "type": "module" }\n');
    writeFileSync(path.join(project, 'esm/my-adapter.js'), `import { referenceAdapter } from 'kubespec/adapters';
export default { ...referenceAdapter, name: 'mine-esm' };
`);
    writeFileSync(path.join(project, 'faulty-adapter.ts'), FAULTY);
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  for (const [file, name] of [
    ['./my-adapter.ts', 'mine-ts'],
    ['./my-adapter.mts', 'mine-mts'],
    ['./cjs/my-adapter.js', 'mine-cjs'],
    ['./esm/my-adapter.js', 'mine-esm'],
  ] as const) {
    test(`a faithful adapter in ${file} passes, exits 0 and writes its reports in the user's folder`, () => {
      const run = conformance(file);
      assert.equal(run.code, 0, run.out);
      assert.match(run.out, /(\d+) scenarios: \1 passed, 0 failed/);
      assert.match(run.out, /\b[1-9]\d* passed/);
      assert.ok(existsSync(path.join(project, `reports/conformance-${name}/cucumber.html`)), `no report in ${project}/reports:\n${run.out}`);
    });
  }

  test('a faulty adapter is refused: scenarios fail and the exit code is not 0', () => {
    const run = conformance('./faulty-adapter.ts');
    assert.notEqual(run.code, 0, run.out);
    assert.match(run.out, /[1-9]\d* failed/);
  });

  test('an adapter that declares a capability without its member is refused before any scenario runs', () => {
    writeFileSync(path.join(project, 'liar-adapter.ts'), `import { referenceAdapter } from 'kubespec/adapters';
export default {
  name: 'liar',
  capabilities: new Set(['virtual-time'] as const),
  async start(config: any) {
    const c: any = await referenceAdapter.start(config);
    return { client: (a: any) => c.client(a), settle: () => c.settle(), stop: () => c.stop(), settings: c.settings, nodes: c.nodes, clock: { now: () => 0 }, observe: {} };
  },
};
`);
    const run = conformance('./liar-adapter.ts');
    assert.equal(run.code, 2, run.out);
    assert.match(run.out, /declares 'virtual-time' but the started cluster has no `clock.advance\(\)`/);
    assert.doesNotMatch(run.out, /scenarios:/, 'scenarios ran against an adapter that breaks its contract');
  });

  test('every command of docs/plugging-in.md runs as the guide says', { timeout: 600_000 }, async () => {
    await runGuide(path.join(ROOT, 'docs/plugging-in.md'), project, path.join(project, readdirSync(project).find((f) => f.endsWith('.tgz'))!));
  });

  test('a module that is no adapter is refused at load with what is missing', () => {
    writeFileSync(path.join(project, 'not-an-adapter.ts'), 'export default { name: 42 };\n');
    const run = conformance('./not-an-adapter.ts');
    assert.notEqual(run.code, 0);
    assert.match(run.out, /is not a kubespec adapter/);
    assert.doesNotMatch(run.out, /\n\s+at .*\(/, 'a stack trace was printed');
  });
});
