/**
 * The `kubernetes` Service the api-server keeps for itself: what a fresh
 * cluster has, and that another api-server starting on the same store (a
 * restart, or a second control-plane node) finds it and only adds its own
 * address.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { ReferenceCluster } from '../cluster.ts';
import { MemoryStore } from '../store/memory-store.ts';
import { inProcessClient } from './in-process-client.ts';

const store = new MemoryStore();
let cluster: ReferenceCluster;
const ns = { namespace: 'default' };
type Any = KubeObject & Record<string, any>;

before(async () => {
  cluster = await new ReferenceCluster({}, { store }).start();
});
after(() => cluster.stop());

describe('the kubernetes Service', () => {
  it('has the first address of the service range, port 443 named https to the secure port, and no selector', async () => {
    const svc = await cluster.client().get<Any>('services', 'kubernetes', ns);
    assert.deepEqual(svc.metadata.labels, { component: 'apiserver', provider: 'kubernetes' });
    assert.equal(svc.spec.clusterIP, '10.96.0.1');
    assert.deepEqual(svc.spec.ports, [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
    assert.equal(svc.spec.selector, undefined);
  });

  it("has Endpoints and an EndpointSlice named kubernetes at the api-server's address", async () => {
    const eps = await cluster.client().get<Any>('endpoints', 'kubernetes', ns);
    assert.deepEqual(eps.metadata.labels, { 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    assert.deepEqual(eps.subsets, [{ addresses: [{ ip: '192.168.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    const slice = await cluster.client().get<Any>('endpointslices', 'kubernetes', ns);
    assert.deepEqual(slice.metadata.labels, { 'kubernetes.io/service-name': 'kubernetes' });
    assert.deepEqual([slice.addressType, slice.endpoints, slice.ports], ['IPv4', [{ addresses: ['192.168.0.2'], conditions: { ready: true } }], [{ name: 'https', port: 6443, protocol: 'TCP' }]]);
  });

  it('is found, not created again, by an api-server starting on the same store, which adds its own address', async () => {
    const second = await cluster.addApiServer(store);
    const admin = inProcessClient(second, { token: cluster.tokenFor('kubernetes-admin')! });
    assert.deepEqual((await admin.list<Any>('services', ns)).items.map((s) => [s.metadata.name, s.spec.clusterIP]), [['kubernetes', '10.96.0.1']]);
    await cluster.settle();
    const eps = await admin.get<Any>('endpoints', 'kubernetes', ns);
    assert.deepEqual(eps.subsets[0].addresses, [{ ip: '192.168.0.2' }, { ip: '192.168.0.3' }]);
    const slice = await admin.get<Any>('endpointslices', 'kubernetes', ns);
    assert.deepEqual(slice.endpoints.map((e: { addresses: string[] }) => e.addresses[0]), ['192.168.0.2', '192.168.0.3']);
  });
});
