/**
 * A namespace's life as a client of an api-server alone (no namespace
 * controller: the test plays it, finalizing by hand): Active with the
 * `kubernetes` finalizer, Terminating once deleted, removed when the last
 * finalizer goes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../../../../spec/adapter.ts';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import type { Namespace } from '../../../../spec/objects/namespace.ts';
import { ReferenceCluster } from '../../../cluster.ts';
import { refusal } from '../refusal.ts';

type NamespaceObject = Namespace & KubeObject;
let cluster: ReferenceCluster;
let admin: ApiClient;

before(async () => {
  cluster = new ReferenceCluster();
  await cluster.apiserver.start();
  admin = cluster.client();
});
after(() => cluster.stop());

const create = (name: string, finalizers?: string[]) =>
  admin.create<NamespaceObject>('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, ...(finalizers ? { spec: { finalizers } } : {}), status: { phase: 'Terminating' } } as KubeObject);
const get = (name: string) => admin.get<NamespaceObject>('namespaces', name);
const finalize = async (name: string, finalizers: string[]) => {
  const ns = await get(name);
  return admin.update<NamespaceObject>('namespaces', { ...ns, spec: { finalizers } }, { subresource: 'finalize' });
};

describe('a namespace', () => {
  it('is created Active with the kubernetes finalizer added to those it asked for', async () => {
    const ns = await create('fresh', ['example.com/keep']);
    assert.equal(ns.status?.phase, 'Active');
    assert.deepEqual(ns.spec?.finalizers, ['example.com/keep', 'kubernetes']);
  });

  it('keeps its finalizers and status through an update of the namespace itself', async () => {
    const ns = await get('fresh');
    const updated = await admin.update<NamespaceObject>('namespaces', { ...ns, metadata: { ...ns.metadata, labels: { team: 'a' } }, spec: { finalizers: [] }, status: { phase: 'Terminating' } });
    assert.deepEqual([updated.spec?.finalizers, updated.status?.phase, updated.metadata.labels], [['example.com/keep', 'kubernetes'], 'Active', { team: 'a' }]);
  });

  it('is only marked Terminating by a delete, and a second delete changes nothing while finalizers remain', async () => {
    await create('doomed');
    await admin.delete('namespaces', 'doomed');
    const marked = await get('doomed');
    assert.equal(marked.status?.phase, 'Terminating');
    assert.ok(marked.metadata.deletionTimestamp);
    await admin.delete('namespaces', 'doomed');
    assert.equal((await get('doomed')).metadata.resourceVersion, marked.metadata.resourceVersion);
  });

  it('is removed when the last finalizer is taken off through namespaces/finalize', async () => {
    await finalize('doomed', []);
    const e = await refusal(get('doomed'));
    assert.deepEqual([e.code, e.message], [404, 'namespaces "doomed" not found']);
  });

  it('that is not being deleted stays when its finalizers are taken off', async () => {
    const done = await finalize('fresh', ['example.com/keep']);
    assert.deepEqual(done.spec?.finalizers, ['example.com/keep']);
    assert.equal((await get('fresh')).status?.phase, 'Active');
  });

  it('refuses a finalizer that is neither standard nor qualified', async () => {
    const e = await refusal(finalize('fresh', ['mine']));
    assert.deepEqual([e.code, e.message], [422, 'Namespace "fresh" is invalid: spec.finalizers[0]: Invalid value: "mine": name is neither a standard finalizer name nor is it fully qualified']);
  });

  it('takes nothing new once Terminating: 403 with the cause NamespaceTerminating', async () => {
    await create('closing');
    await admin.delete('namespaces', 'closing');
    await cluster.settle();
    const e = await refusal(admin.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } } as KubeObject, { namespace: 'closing' }));
    assert.deepEqual([e.code, e.reason, e.message], [403, 'Forbidden', 'configmaps "late" is forbidden: unable to create new content in namespace closing because it is being terminated']);
    assert.deepEqual(e.status.details, { name: 'late', group: '', kind: 'configmaps', causes: [{ type: 'NamespaceTerminating', message: 'namespace closing is being terminated', field: 'metadata.namespace' }] });
  });
});
