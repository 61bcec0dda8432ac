/**
 * Starting etcd members on ports found free: another process may take such
 * a port before etcd binds it, and then the member ends at once. A new
 * cluster is started again on fresh ports; the error, when attempts run out,
 * says what etcd said.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { EtcdMembers, findEtcd } from './etcd-members.ts';

const etcd = findEtcd();
const dir = mkdtempSync(path.join(tmpdir(), 'kubespec-etcd-members-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** An etcd that fails, as etcd does on a taken port, the first `failures` times it is started. */
function flakyEtcd(failures: number): { binary: string; starts: () => number } {
  const counter = path.join(dir, `starts-${failures}`);
  const binary = path.join(dir, `flaky-etcd-${failures}`);
  const real = 'path' in etcd ? etcd.path : 'etcd';
  writeFileSync(
    binary,
    `#!/bin/sh\nn=$(cat ${counter} 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${counter}\n` +
      `if [ $n -le ${failures} ]; then echo '{"level":"fatal","msg":"listen tcp 127.0.0.1:2379: bind: address already in use"}' >&2; exit 1; fi\n` +
      `exec ${real} "$@"\n`,
  );
  chmodSync(binary, 0o755);
  return { binary, starts: () => Number(readFileSync(counter, 'utf8')) };
}

test('a member that ends while a new cluster starts is started again on fresh ports', { skip: 'missing' in etcd ? etcd.missing : false }, async () => {
  const flaky = flakyEtcd(1);
  const cluster = await EtcdMembers.start(['only'], { binary: flaky.binary });
  try {
    const res = await fetch(`${cluster.clientUrls[0]}/health`);
    assert.equal(((await res.json()) as { health: string }).health, 'true');
    assert.equal(flaky.starts(), 2);
  } finally {
    await cluster.stopAll();
  }
});

test("after three failed starts the error names the member and ends with what etcd said", { skip: 'missing' in etcd ? etcd.missing : false }, async () => {
  const flaky = flakyEtcd(3);
  await assert.rejects(EtcdMembers.start(['only'], { binary: flaky.binary }), /etcd member only exited with code 1: .*address already in use/);
  assert.equal(flaky.starts(), 3);
});
