/** The Service's own rules: defaults, and a cluster IP that an update may leave out but may not change. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import type { Service } from '../../../../spec/objects/service.ts';
import { seededRandom } from '../../../runtime/random.ts';
import { ServiceIPAllocator } from './ip-allocator.ts';
import { serviceStrategy } from './strategy.ts';

const strategy = serviceStrategy(new ServiceIPAllocator('10.96.0.0/12', seededRandom(1)));
const service = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { ports: [{ port: 80 }], ...spec } });
const stored = service({ type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] });
const spec = (o: KubeObject) => (o as unknown as Service).spec;

/** What an update becomes on its way to validation: defaults, then PrepareForUpdate. */
function prepared(update: KubeObject): KubeObject {
  strategy.defaults(update);
  strategy.prepareForUpdate(update, stored);
  return update;
}

describe('updating a Service', () => {
  it('keeps the cluster IP when the update leaves it out', () => {
    const update = prepared(service({}));
    assert.deepEqual([spec(update).clusterIP, spec(update).clusterIPs], ['10.96.0.10', ['10.96.0.10']]);
    assert.deepEqual(strategy.validateUpdate(update, stored), []);
  });

  it('refuses a changed cluster IP with Kubernetes\' cause, even when only clusterIP was changed', () => {
    const update = prepared(service({ clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.10'] }));
    assert.deepEqual(strategy.validateUpdate(update, stored), [
      { type: 'FieldValueInvalid', field: 'spec.clusterIPs[0]', message: 'Invalid value: ["10.96.0.20"]: may not change once set' },
    ]);
  });

  it('refuses an update that takes the cluster IP away', () => {
    const update = prepared(service({ clusterIP: 'None' }));
    assert.deepEqual(strategy.validateUpdate(update, stored).map((c) => `${c.field}: ${c.message}`), ['spec.clusterIPs[0]: Invalid value: []: primary clusterIP can not be unset']);
  });

  it('keeps the stored status: it is written through services/status only', () => {
    const update = prepared({ ...service({}), status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } });
    assert.equal(update.status, undefined);
  });
});

describe('defaulting a Service', () => {
  it('fills type, session affinity, each port\'s protocol and targetPort', () => {
    const svc = service({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }, { port: 443, targetPort: 'https', protocol: 'UDP' }] });
    strategy.defaults(svc);
    assert.equal(spec(svc).type, 'ClusterIP');
    assert.equal(spec(svc).sessionAffinityConfig?.clientIP?.timeoutSeconds, 10800);
    assert.deepEqual(spec(svc).ports?.map((p) => [p.protocol, p.targetPort]), [['TCP', 80], ['UDP', 'https']]);
  });

  it('leaves a body of the wrong shape to validation, without crashing', () => {
    const svc = service({ ports: [7, null] });
    strategy.defaults(svc);
    assert.ok(strategy.validate(svc).some((c) => c.field?.startsWith('spec.ports')));
  });
});
