/**
 * A real kubectl against `kubespec serve`: the session a learner types.
 * kubectl comes from $KUBESPEC_KUBECTL or .ci/install-kubectl (Debian's
 * kubectl 1.20); without one these tests are reported as skipped, with
 * the reason, never as passed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { columns, kubectlRunner } from './kubectl-runner.ts';
import { findKubectl, startServe, type ServeProcess } from './serve-process.ts';

const kubectl = findKubectl();
const NOBODY_TOKEN = 'token-of-a-user-with-no-rights';

/** Each test is skipped on its own, so the reason shows and every one of them is counted as skipped. */
const skip = kubectl ? false : 'no kubectl: run .ci/install-kubectl or set KUBESPEC_KUBECTL';

describe('kubectl against kubespec serve', () => {
  let server: ServeProcess;

  before(async () => {
    if (!kubectl) return;
    const tokens = path.join(mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'kubespec-tokens-')), 'tokens.csv');
    writeFileSync(tokens, `${NOBODY_TOKEN},nobody,nobody-uid,""\n`);
    server = await startServe(['--nodes', '2', '--time-scale', '0.1', '--token-auth-file', tokens]);
  });
  after(async () => {
    if (!kubectl) return;
    const code = await server?.stop();
    assert.equal(code, 0, `kubespec serve did not stop cleanly:\n${server?.output()}`);
  });

  const { run, ok } = kubectlRunner(kubectl ?? '', () => server);

  it('get nodes -o wide shows every node Ready with the columns of Kubernetes', { skip }, () => {
    const [header, ...rows] = ok('get', 'nodes', '-o', 'wide').trimEnd().split('\n');
    assert.deepEqual(columns(header!), ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
    assert.deepEqual(rows.map((r) => columns(r).slice(0, 3)), [['worker-1', 'Ready', '<none>'], ['worker-2', 'Ready', '<none>']]);
    for (const row of rows) assert.match(columns(row)[5]!, /^\d+\.\d+\.\d+\.\d+$/, `no internal IP in: ${row}`);
  });

  it('apply -f creates a pod, get pods -w shows it Running, get -o yaml shows where, delete removes it', { skip }, async () => {
    const manifest = path.join(server.dir, 'web.yaml');
    writeFileSync(manifest, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: nginx\n      image: nginx:1.27\n');
    assert.equal(ok('apply', '-f', manifest).trim(), 'pod/web created');

    // The first line of web may come from the list; labelling it then makes sure a later line comes from the watch stream.
    const rows: string[] = [];
    const running = await watchUntil(['get', 'pods', '-w'], (line) => {
      if (!/^web\s/.test(line)) return false;
      rows.push(line);
      if (rows.length === 1) assert.equal(run('label', 'pod', 'web', 'tier=web').stdout.trim(), 'pod/web labeled');
      return rows.length > 1 && /^web\s+1\/1\s+Running\s+0\s/.test(line);
    }, 30_000);
    assert.ok(running, `kubectl get pods -w never showed web 1/1 Running after its first line; it showed:\n${rows.join('\n')}`);

    const pod = parseYaml(ok('get', 'pod', 'web', '-o', 'yaml')) as { kind: string; spec: { nodeName: string }; status: { phase: string; podIP: string } };
    assert.equal(pod.kind, 'Pod');
    assert.equal(pod.status.phase, 'Running');
    assert.ok(['worker-1', 'worker-2'].includes(pod.spec.nodeName), `pod runs on ${pod.spec.nodeName}`);
    const [header, row] = ok('get', 'pod', 'web', '-o', 'wide').trimEnd().split('\n');
    assert.deepEqual(columns(header!), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    assert.deepEqual([columns(row!)[5], columns(row!)[6]], [pod.status.podIP, pod.spec.nodeName]);

    assert.equal(ok('apply', '-f', manifest).trim(), 'pod/web unchanged');
    assert.equal(ok('delete', 'pod', 'web').trim(), 'pod "web" deleted');
    const gone = run('get', 'pod', 'web');
    assert.equal(gone.code, 1);
    assert.equal(gone.stderr.trim(), 'Error from server (NotFound): pods "web" not found');
  });

  it('a user with no rights gets the Forbidden message', { skip }, () => {
    const r = run('--token', NOBODY_TOKEN, 'get', 'pods');
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.stderr.trim(), 'Error from server (Forbidden): pods is forbidden: User "nobody" cannot list resource "pods" in API group "" in the namespace "default"');
  });

  it('a bad token gets the login error', { skip }, () => {
    const r = run('--token', 'not-a-real-token', 'get', 'pods');
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.stderr.trim(), 'error: You must be logged in to the server (Unauthorized)');
  });

  /** Runs a kubectl that streams (get -w) until a line matches; false if it never does in time. */
  function watchUntil(args: string[], matches: (line: string) => boolean, withinMs: number): Promise<boolean> {
    const cacheDir = mkdtempSync(path.join(server.dir, 'cache-'));
    const child = spawn(kubectl!, ['--kubeconfig', server.kubeconfig, '--cache-dir', cacheDir, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), withinMs);
      const finish = (found: boolean) => {
        clearTimeout(timer);
        child.kill();
        resolve(found);
      };
      createInterface({ input: child.stdout }).on('line', (line) => matches(line) && finish(true));
      child.on('exit', () => finish(false));
    });
  }
});
