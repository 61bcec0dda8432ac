/** `kubectl get services|endpoints|endpointslices` columns, cell by cell, as Kubernetes' printers fill them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toTable } from './tables.ts';

const created = { creationTimestamp: '2026-01-01T00:00:00Z' };
const fiveMinutesLater = Date.parse('2026-01-01T00:05:00Z');
const cells = (resource: string, obj: unknown) => toTable(resource, obj as never, fiveMinutesLater).rows[0]!.cells;
const headers = (resource: string) => toTable(resource, { metadata: {} } as never, 0).columnDefinitions.map((c) => (c.priority ? `(${c.name})` : c.name));

describe('server-side printing of Services and their endpoints', () => {
  it('prints a Service as NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, its selector for -o wide', () => {
    assert.deepEqual(headers('services'), ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', '(Selector)']);
    const kubernetes = { metadata: { name: 'kubernetes', ...created }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] } };
    assert.deepEqual(cells('services', kubernetes), ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '5m', '<none>']);
    const web = { metadata: { name: 'web', ...created }, spec: { type: 'NodePort', clusterIP: '10.96.3.4', selector: { tier: 'front', app: 'web' }, ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] } };
    assert.deepEqual(cells('services', web), ['web', 'NodePort', '10.96.3.4', '<none>', '80:30080/TCP,53/UDP', '5m', 'app=web,tier=front']);
  });

  it('prints Endpoints as ip:port, three at most, and <none> with no subsets', () => {
    assert.deepEqual(headers('endpoints'), ['Name', 'Endpoints', 'Age']);
    const addresses = ['10.244.1.2', '10.244.1.3', '10.244.2.2', '10.244.2.3'].map((ip) => ({ ip }));
    assert.deepEqual(cells('endpoints', { metadata: { name: 'web', ...created }, subsets: [{ addresses, ports: [{ port: 8080 }] }] }), ['web', '10.244.1.2:8080,10.244.1.3:8080,10.244.2.2:8080 + 1 more...', '5m']);
    assert.deepEqual(cells('endpoints', { metadata: { name: 'web', ...created } }), ['web', '<none>', '5m']);
  });

  it('prints an EndpointSlice as NAME ADDRESSTYPE PORTS ENDPOINTS AGE, <unset> when empty', () => {
    assert.deepEqual(headers('endpointslices'), ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
    const slice = { metadata: { name: 'web-7kq2x', ...created }, addressType: 'IPv4', endpoints: [{ addresses: ['10.244.1.2'] }, { addresses: ['10.244.2.2'] }], ports: [{ name: 'http', port: 8080 }] };
    assert.deepEqual(cells('endpointslices', slice), ['web-7kq2x', 'IPv4', '8080', '10.244.1.2,10.244.2.2', '5m']);
    assert.deepEqual(cells('endpointslices', { ...slice, endpoints: [], ports: [] }), ['web-7kq2x', 'IPv4', '<unset>', '<unset>', '5m']);
  });
});
