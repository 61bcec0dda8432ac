/**
 * `kubespec serve --etcd-members 1 --data-dir DIR`: stopped and started
 * again on the same data, it finds the cluster as it was (the node, the
 * running pod, the service and its cluster IP, still held; an RBAC grant
 * still in force; no bootstrap object twice) and its components resume (a
 * new pod is scheduled and started). Skipped, with the reason, where etcd
 * is not installed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import type { ApiClient } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { isStatusError } from '../../spec/objects/status.ts';
import { etcdMissing } from '../faults/etcd-cluster.ts';
import { HttpClientFactory } from '../adapters/http-client.ts';
import { startServe, type ServeProcess } from '../kubectl/serve-process.ts';

const skip = etcdMissing() ?? false;
const ALICE = 'token-of-alice';

let dir = '';
let args: string[] = [];
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kubespec-serve-etcd-'));
  writeFileSync(path.join(dir, 'tokens.csv'), `${ALICE},alice,alice-uid,""\n`);
  args = ['--etcd-members', '1', '--data-dir', path.join(dir, 'etcd'), '--nodes', '1', '--time-scale', '0.1', '--token-auth-file', path.join(dir, 'tokens.csv')];
});
after(() => rmSync(dir, { recursive: true, force: true }));

function clients(server: ServeProcess): { admin: ApiClient; alice: ApiClient } {
  const kc = new KubeConfig();
  kc.loadFromFile(server.kubeconfig);
  const factory = new HttpClientFactory(kc);
  return { admin: factory.client({ kind: 'kubeconfig' }), alice: factory.client({ kind: 'token', token: ALICE }) };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, withinMs = 30_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }) as KubeObject;
const running = (admin: ApiClient, name: string) =>
  until(`pod ${name} Running`, async () => {
    const p = await admin.get('pods', name, { namespace: 'default' });
    return (p.status as { phase?: string } | undefined)?.phase === 'Running' ? p : undefined;
  });
const refusal = (e: unknown) => (isStatusError(e) ? `${e.status.code} ${e.status.reason}` : String(e));

test('[etcd] kubespec serve started again on its etcd finds the cluster as it was, and its components resume', { skip, timeout: 150_000 }, async () => {
  const first = await startServe(args);
  let before: { uid: string; node: string; clusterIP: string; namespaces: number; roles: number };
  try {
    const { admin, alice } = clients(first);
    const web = await running(admin, (await admin.create('pods', pod('web'), { namespace: 'default' })).metadata.name!);
    const svc = await admin.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as KubeObject, { namespace: 'default' });
    await admin.create('clusterroles', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'configmap-reader' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }] } as KubeObject);
    await admin.create('clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'alice-reads-configmaps' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'configmap-reader' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
    } as KubeObject);
    await until('alice may list config maps', () => alice.list('configmaps', { namespace: 'default' }));
    before = {
      uid: web.metadata.uid!,
      node: (web.spec as { nodeName: string }).nodeName,
      clusterIP: (svc.spec as { clusterIP: string }).clusterIP,
      namespaces: (await admin.list('namespaces')).items.length,
      roles: (await admin.list('clusterroles')).items.length,
    };
  } finally {
    assert.equal(await first.stop(), 0, `the first serve did not stop cleanly:\n${first.output()}`);
  }

  const second = await startServe(args);
  try {
    assert.match(second.output(), /found from an earlier start/);
    const { admin, alice } = clients(second);
    assert.deepEqual((await admin.list('nodes')).items.map((n) => n.metadata.name), ['worker-1']);
    const web = await running(admin, 'web');
    assert.deepEqual([web.metadata.uid, (web.spec as { nodeName: string }).nodeName], [before.uid, before.node]);
    const svc = await admin.get('services', 'web', { namespace: 'default' });
    assert.equal((svc.spec as { clusterIP: string }).clusterIP, before.clusterIP);
    const taken = await admin
      .create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'same-ip' }, spec: { clusterIP: before.clusterIP, ports: [{ port: 80 }] } } as KubeObject, { namespace: 'default' })
      .then(() => 'created', refusal);
    assert.equal(taken, '422 Invalid', 'the cluster IP of the kept service was handed out again');
    assert.equal((await alice.list('configmaps', { namespace: 'default' })).kind, 'ConfigMapList');
    assert.equal(await alice.delete('configmaps', 'anything', { namespace: 'default' }).then(() => 'deleted', refusal), '403 Forbidden');
    assert.equal((await admin.list('namespaces')).items.length, before.namespaces, 'a namespace was created twice');
    assert.equal((await admin.list('clusterroles')).items.length, before.roles, 'a bootstrap role was created twice');
    // The scheduler and the kubelet resumed from the kept state: a new pod is placed and started.
    await admin.create('pods', pod('after-restart'), { namespace: 'default' });
    const started = await running(admin, 'after-restart');
    assert.equal((started.spec as { nodeName: string }).nodeName, 'worker-1');
  } finally {
    assert.equal(await second.stop(), 0, `the second serve did not stop cleanly:\n${second.output()}`);
  }
});
