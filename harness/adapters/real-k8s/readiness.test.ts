/** A started component is waited for until its health endpoint says so, and not a moment after it died. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ProcessGroup } from './processes.ts';
import { waitUntilServing } from './readiness.ts';

describe('waiting for a component to serve', () => {
  it('polls until the endpoint answers as expected', async (t) => {
    let asked = 0;
    const server = createServer((_req, res) => {
      asked++;
      res.writeHead(asked < 3 ? 503 : 200).end(asked < 3 ? '[-]etcd failed' : 'ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => server.close());
    const dir = mkdtempSync(path.join(tmpdir(), 'kubespec-readiness-test-'));
    const group = new ProcessGroup(dir);
    t.after(async () => {
      await group.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const component = group.start('component', '/bin/sleep', ['60'], path.join(dir, 'log'));
    const { port } = server.address() as { port: number };
    await waitUntilServing(component, `http://127.0.0.1:${port}/readyz`, (a) => a.status === 200 && a.body === 'ok', { logFile: 'log' });
    assert.equal(asked, 3);
  });

  it('gives up at once, naming its log, when the component has exited', async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubespec-readiness-test-'));
    const group = new ProcessGroup(dir);
    t.after(async () => {
      await group.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const component = group.start('kube-apiserver', '/bin/sh', ['-c', 'exit 1'], path.join(dir, 'log'));
    const started = Date.now();
    await assert.rejects(
      waitUntilServing(component, 'http://127.0.0.1:9/readyz', () => false, { logFile: 'reports/real-k8s/kube-apiserver.log', timeoutMs: 30_000 }),
      /kube-apiserver exited before it served http:\/\/127\.0\.0\.1:9\/readyz; see reports\/real-k8s\/kube-apiserver\.log/,
    );
    assert.ok(Date.now() - started < 10_000);
  });
});
