/**
 * Each kind's rules as a client of the api-server sees them: subresources
 * served only where the kind has them, Bindings only through pods/binding,
 * a Service's cluster IP kept and never changed, a ReplicaSet's size
 * through its Scale. An api-server alone, with no scheduler or controllers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../../../spec/adapter.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { ReferenceCluster } from '../../cluster.ts';
import { RESOURCES } from './resources.ts';
import { ServiceIPAllocator } from './service/ip-allocator.ts';
import { seededRandom } from '../../runtime/random.ts';
import { kindStrategies } from './strategies.ts';
import { refusal } from './refusal.ts';

let cluster: ReferenceCluster;
let admin: ApiClient;
const ns = { namespace: 'default' };

before(async () => {
  cluster = new ReferenceCluster();
  await cluster.apiserver.start();
  admin = cluster.client(); // the api-server creates namespace default itself as it starts
});
after(() => cluster.stop());

const binding = (pod: string, node = 'worker-1') => ({ apiVersion: 'v1', kind: 'Binding', metadata: { name: pod, namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: node } }) as KubeObject;
const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }) as KubeObject;

describe('the strategy table', () => {
  const table = () =>
    kindStrategies({
      serviceIPs: new ServiceIPAllocator('10.96.0.0/12', seededRandom(1)),
      loopback: () => admin,
      reviews: { authorizer: { authorize: async () => ({ allowed: false }) }, nonResourceAllowed: () => false },
    });

  it('has a strategy for every resource, serving exactly the subresources discovery lists', () => {
    const strategies = table();
    for (const r of RESOURCES.values()) {
      const strategy = strategies.get(r.resource);
      assert.ok(strategy, `no strategy for ${r.resource}`);
      assert.deepEqual(Object.keys(strategy.subresources).sort(), [...r.subresources].sort(), r.resource);
    }
  });

  it("returns the deleted object for exactly the resources whose Kubernetes registry sets ReturnDeletedObject (v1.37's pkg/registry)", () => {
    const returnedByKubernetes = new Set([
      'pods', 'services', 'namespaces', 'serviceaccounts', 'persistentvolumes', 'persistentvolumeclaims', 'podtemplates', 'resourcequotas',
      'csidrivers', 'storageclasses', 'volumeattachments', 'csinodes', 'volumeattributesclasses',
      'resourceclaims', 'resourceclaimtemplates', 'resourceslices', 'deviceclasses', 'resourcepoolstatusrequests',
    ]);
    const strategies = table();
    for (const r of RESOURCES.values()) {
      assert.equal(strategies.get(r.resource)?.returnDeletedObject ?? false, returnedByKubernetes.has(r.resource), r.resource);
    }
  });
});

describe('Bindings', () => {
  it('are refused on any resource but pods/binding, with 400', async () => {
    // The decoder refuses them, as kube-apiserver's does: a v1 Binding does not convert to the resource's kind.
    for (const [resource, opts, kind] of [['nodes', {}, 'Node'], ['pods', ns, 'Pod'], ['configmaps', ns, 'ConfigMap']] as const) {
      const e = await refusal(admin.create(resource, binding('web'), opts));
      assert.deepEqual([e.code, e.reason], [400, 'BadRequest'], resource);
      assert.equal(e.message, `Binding in version "v1" cannot be handled as a ${kind}: converting (v1.Binding) to (core.${kind}): unknown conversion`);
    }
    // Behind the decoder, the strategy refuses them too.
    const auth = { token: cluster.tokenFor('kubernetes-admin')! };
    const behind = await refusal(cluster.apiserver.handle({ verb: 'create', resource: 'nodes', body: binding('web'), auth }));
    assert.equal(behind.message, 'the kind of the object (Binding) does not match the resource (nodes)');
    assert.deepEqual((await admin.list('nodes')).items, [], 'nothing was stored');
  });

  it('bind a pod once through pods/binding; a second Binding is a Conflict on pods/binding', async () => {
    await admin.create('pods', pod('bound'), ns);
    await admin.create('pods', binding('bound'), { ...ns, name: 'bound', subresource: 'binding' });
    const placed = await admin.get<KubeObject & { spec: { nodeName?: string } }>('pods', 'bound', ns);
    assert.equal(placed.spec.nodeName, 'worker-1');
    const again = await refusal(admin.create('pods', binding('bound', 'worker-2'), { ...ns, name: 'bound', subresource: 'binding' }));
    assert.deepEqual([again.code, again.message], [409, 'Operation cannot be fulfilled on pods/binding "bound": pod bound is already assigned to node "worker-1"']);
  });

  it('must name the pod of the URL', async () => {
    await admin.create('pods', pod('named'), ns);
    const e = await refusal(admin.create('pods', binding('other'), { ...ns, name: 'named', subresource: 'binding' }));
    assert.deepEqual([e.code, e.message], [400, 'name in URL does not match name in Binding object']);
  });

  it('bind a pod to a Node and nothing else', async () => {
    await admin.create('pods', pod('to-a-pod'), ns);
    const body = { ...binding('to-a-pod'), target: { kind: 'Pod', name: 'web' } } as KubeObject;
    const e = await refusal(admin.create('pods', body, { ...ns, name: 'to-a-pod', subresource: 'binding' }));
    assert.deepEqual([e.code, e.message], [422, 'Pod "to-a-pod" is invalid: target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"']);
  });

  it('can only be created: pods/binding serves no other verb', async () => {
    const e = await refusal(admin.get('pods', 'bound', { ...ns, subresource: 'binding' }));
    assert.deepEqual([e.code, e.reason], [405, 'MethodNotAllowed']);
  });
});

describe('subresources', () => {
  it('are 404 where the kind has none, and a write to status changes nothing but the status', async () => {
    const missing = await refusal(admin.get('configmaps', 'x', { ...ns, subresource: 'status' }));
    assert.deepEqual([missing.code, missing.reason], [404, 'NotFound']);
    const created = await admin.create('pods', pod('reported'), ns);
    const written = await admin.update('pods', { ...created, metadata: { ...created.metadata, labels: { sneaked: 'in' } }, status: { phase: 'Running' } }, { ...ns, subresource: 'status' });
    assert.deepEqual([written.status, written.metadata.labels], [{ phase: 'Running' }, undefined]);
  });
});

describe('a Service', () => {
  it('keeps its cluster IP when an update leaves it out, without a new generation', async () => {
    const created = await admin.create<KubeObject & { spec: { clusterIP: string } }>('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kept' }, spec: { ports: [{ port: 80 }] } }, ns);
    const updated = await admin.update<KubeObject & { spec: { clusterIP: string; clusterIPs: string[] } }>('services', { ...created, spec: { ports: [{ port: 80 }] } }, ns);
    assert.deepEqual([updated.spec.clusterIP, updated.spec.clusterIPs], [created.spec.clusterIP, [created.spec.clusterIP]]);
    assert.equal(updated.metadata.generation, 1);
  });

  it('refuses an update that changes its cluster IP, with 422 and the cause Kubernetes gives', async () => {
    const created = await admin.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'fixed' }, spec: { clusterIP: '10.96.7.7', ports: [{ port: 80 }] } }, ns);
    const e = await refusal(admin.update('services', { ...created, spec: { clusterIP: '10.96.8.8', ports: [{ port: 80 }] } }, ns));
    assert.deepEqual([e.code, e.message], [422, 'Service "fixed" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.8.8"]: may not change once set']);
  });

  it('refuses a patch whose resourceVersion is stale, as a precondition', async () => {
    const created = await admin.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'patched' }, spec: { ports: [{ port: 80 }] } }, ns);
    await admin.patch('services', 'patched', { metadata: { labels: { a: '1' } } }, ns);
    const e = await refusal(admin.patch('services', 'patched', { metadata: { resourceVersion: created.metadata.resourceVersion, labels: { a: '2' } } }, ns));
    assert.deepEqual([e.code, e.reason], [409, 'Conflict']);
  });
});

describe('a ReplicaSet', () => {
  const rs = (name: string, labels: Record<string, string>) => ({
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
  }) as KubeObject;

  it('is refused when its selector does not select its own template', async () => {
    const e = await refusal(admin.create('replicasets', rs('mismatched', { app: 'db' }), ns));
    assert.deepEqual([e.code, e.message], [422, 'ReplicaSet.apps "mismatched" is invalid: spec.template.metadata.labels: Invalid value: {"app":"db"}: `selector` does not match template `labels`']);
  });

  it('is read and resized through its Scale', async () => {
    await admin.create('replicasets', rs('sized', { app: 'web' }), ns);
    const scale = await admin.get<KubeObject & { spec: { replicas: number }; status: { selector: string } }>('replicasets', 'sized', { ...ns, subresource: 'scale' });
    assert.deepEqual([scale.kind, scale.spec.replicas, scale.status.selector], ['Scale', 2, 'app=web']);
    const resized = await admin.update<KubeObject & { spec: { replicas: number } }>('replicasets', { ...scale, spec: { replicas: 5 } }, { ...ns, subresource: 'scale' });
    assert.equal(resized.spec.replicas, 5);
    const after = await admin.get<KubeObject & { spec: { replicas: number } }>('replicasets', 'sized', ns);
    assert.deepEqual([after.spec.replicas, after.metadata.generation], [5, 2]);
    const stale = await refusal(admin.update('replicasets', { ...scale, spec: { replicas: 1 } }, { ...ns, subresource: 'scale' }));
    assert.deepEqual([stale.code, stale.reason], [409, 'Conflict']);
    const patched = await admin.patch<KubeObject & { spec: { replicas: number } }>('replicasets', 'sized', { spec: { replicas: 3 } }, { ...ns, subresource: 'scale' });
    assert.deepEqual([patched.kind, patched.spec.replicas], ['Scale', 3]);
  });

  it('refuses a negative Scale as a Scale', async () => {
    const e = await refusal(admin.update('replicasets', { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'sized' }, spec: { replicas: -1 } } as KubeObject, { ...ns, subresource: 'scale' }));
    assert.deepEqual([e.code, e.message], [422, 'Scale.autoscaling "sized" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  });
});
