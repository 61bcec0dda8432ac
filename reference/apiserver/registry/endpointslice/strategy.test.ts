/** The EndpointSlice's own rules: defaulted ports, addresses of its type, an address type that stays. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import { endpointSliceStrategy } from './strategy.ts';

const slice = (fields: Record<string, unknown>): KubeObject => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abcde', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true } }],
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  ...fields,
});
const messages = (obj: KubeObject) => endpointSliceStrategy.validate(obj).map((c) => `${c.field}: ${c.message}`);

describe('an EndpointSlice on its way into the store', () => {
  it('gets protocol TCP and an empty name on each port that leaves them out', () => {
    const obj = slice({ ports: [{ port: 80 }] });
    endpointSliceStrategy.defaults(obj);
    assert.deepEqual(obj.ports, [{ port: 80, name: '', protocol: 'TCP' }]);
  });

  it('is accepted with IPv4 addresses and named ports, and with no endpoints at all (a placeholder)', () => {
    assert.deepEqual(messages(slice({})), []);
    assert.deepEqual(messages(slice({ endpoints: [], ports: [] })), []);
  });

  it('refuses an address that is not of its address type', () => {
    assert.deepEqual(messages(slice({ endpoints: [{ addresses: ['10.244.1.5', 'fd00::1'] }] })), ['endpoints[0].addresses[1]: Invalid value: "fd00::1": must be a valid IPv4 address']);
  });

  it('refuses port numbers out of range and port names used twice', () => {
    assert.deepEqual(messages(slice({ ports: [{ name: 'http', port: 0 }, { name: 'http', port: 80 }] })), [
      'ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'ports[1].name: Duplicate value: "http"',
    ]);
  });

  it('refuses an address type Kubernetes does not know, as the schema sees it', () => {
    assert.deepEqual(messages(slice({ addressType: 'IP' })).map((m) => m.split(':')[0]), ['addressType']);
  });

  it('keeps its address type once set', () => {
    assert.deepEqual(endpointSliceStrategy.validateUpdate(slice({ addressType: 'IPv6' }), slice({})).map((c) => `${c.field}: ${c.message}`), ['addressType: Invalid value: "IPv6": field is immutable']);
    assert.deepEqual(endpointSliceStrategy.validateUpdate(slice({}), slice({})), []);
  });
});
