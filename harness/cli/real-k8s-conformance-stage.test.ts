/** How npm test counts the suite against real Kubernetes: known differences excused with their reason, and the list kept true. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
// @ts-expect-error: a plain .mjs module without types, as run-all-tests.mjs imports it
import { realK8sConformanceStage } from './real-k8s-conformance-stage.mjs';

type Stage = (root: string, run: unknown, env: object, scenarioCount: number, log: (line: string) => void) => Promise<{ counts: { passed: number; failed: number; skipped: number }; problems: string[] }>;
const printed: string[] = [];
const stage = (root: string, run: unknown, env: object, scenarioCount: number) => (realK8sConformanceStage as Stage)(root, run, env, scenarioCount, (line) => printed.push(line));

const KNOWN = {
  differences: [{ feature: 'features/a.feature', scenario: 'ties are random', kubernetes: 'the first node wins ties', source: 'pkg/scheduler/schedule_one.go', change: 'reword' }],
};

let root: string;
let saved: string | undefined;

function fakeRoot(buildScript: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubespec-stage-test-'));
  mkdirSync(path.join(dir, '.ci'));
  mkdirSync(path.join(dir, 'harness/adapters/real-k8s'), { recursive: true });
  writeFileSync(path.join(dir, '.ci/build-kubernetes'), buildScript);
  writeFileSync(path.join(dir, 'harness/adapters/real-k8s/known-differences.json'), JSON.stringify(KNOWN));
  return dir;
}

/** A conformance run that printed these result lines and this summary. */
const conformance = (lines: string[], code = 1) => async () => {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const l of lines) counts[l.startsWith('✔') ? 'passed' : l.startsWith('✘') ? 'failed' : 'skipped']++;
  const total = counts.passed + counts.failed + counts.skipped;
  return { code, out: [...lines, `${total} scenarios: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`].join('\n') };
};

describe('the real-k8s stage of npm test', () => {
  beforeEach(() => {
    saved = process.env.KUBESPEC_K8S_BIN;
    delete process.env.KUBESPEC_K8S_BIN;
    root = fakeRoot('echo /cache/bin\n');
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.KUBESPEC_K8S_BIN;
    else process.env.KUBESPEC_K8S_BIN = saved;
    rmSync(root, { recursive: true, force: true });
  });

  it('counts a listed failure as skipped, and any other failure as failed', async () => {
    const run = conformance(['✔ passed  filters by CPU  (features/b.feature)', '✘ failed  ties are random  (features/a.feature)', '✘ failed  evicts pods  (features/c.feature)', '- skipped store log  (features/d.feature)']);
    const { counts, problems } = await stage(root, run, {}, 4);
    assert.deepEqual(counts, { passed: 1, failed: 1, skipped: 2 });
    assert.deepEqual(problems, []);
    assert.match(printed.join('\n'), /known difference, counted as skipped: ties are random \(features\/a\.feature\)\n {4}Kubernetes: the first node wins ties\n {4}decided in: pkg\/scheduler\/schedule_one\.go/);
  });

  it('fails when a listed scenario passes, so the list is pruned', async () => {
    const { counts, problems } = await stage(root, conformance(['✔ passed  ties are random  (features/a.feature)'], 0), {}, 1);
    assert.deepEqual(counts, { passed: 1, failed: 0, skipped: 0 });
    assert.match(problems.join('\n'), /"ties are random" \(features\/a\.feature\) passed against real Kubernetes but is listed/);
  });

  it('fails when a listed scenario did not run at all', async () => {
    const { problems } = await stage(root, conformance(['✔ passed  filters by CPU  (features/b.feature)'], 0), {}, 1);
    assert.match(problems.join('\n'), /lists "ties are random" \(features\/a\.feature\), which did not run/);
  });

  it('skips every scenario, with the reason, when Kubernetes is not built', async () => {
    rmSync(root, { recursive: true, force: true });
    root = fakeRoot('echo "build-kubernetes: not built: /cache/bin (run .ci/build-kubernetes)" >&2; exit 3\n');
    const never = async () => assert.fail('the suite must not run without binaries');
    const { counts, problems } = await stage(root, never, {}, 92);
    assert.deepEqual(counts, { passed: 0, failed: 0, skipped: 92 });
    assert.deepEqual(problems, []);
    assert.match(printed.at(-1) ?? '', /^skipped: 92 scenarios against real Kubernetes: build-kubernetes: not built: \/cache\/bin/);
  });
});
