/**
 * The EndpointSlice controller's decisions, without an api-server: what a
 * pod becomes as an endpoint, how endpoints are packed into slices, and
 * that slices are kept rather than rewritten when little changes. A
 * property checks the invariants over random pods and random changes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { desiredEndpoints, podToEndpoint, type PodObject, type ServiceObject } from './endpointslice-endpoints.ts';
import { planSlices, type EndpointSliceObject, type SlicePlan } from './endpointslice-reconciler.ts';

const svc: ServiceObject = {
  apiVersion: 'v1', kind: 'Service',
  metadata: { name: 'web', namespace: 'default', uid: 'svc-uid', labels: { tier: 'front' } },
  spec: { clusterIP: '10.96.0.50', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
};

interface PodShape {
  ready: boolean;
  terminating: boolean;
  hasIP: boolean;
  /** Pods of the "alt" kind name their port 9090, so they form a second group of ports. */
  alt: boolean;
}

function pod(i: number, shape: Partial<PodShape> = {}): PodObject {
  const { ready = true, terminating = false, hasIP = true, alt = false } = shape;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `web-${String(i).padStart(3, '0')}`, namespace: 'default', uid: `uid-${i}`, labels: { app: 'web' }, ...(terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: alt ? 9090 : 8080, protocol: 'TCP' }] }] },
    status: {
      phase: 'Running',
      ...(hasIP ? { podIP: `10.244.${Math.floor(i / 250)}.${(i % 250) + 2}` } : {}),
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

const knownNode = (name: string) => ({ metadata: { name, labels: { 'topology.kubernetes.io/zone': 'zone-a' } } });
const plan = (pods: PodObject[], existing: EndpointSliceObject[], max = 100) => planSlices(svc, desiredEndpoints(svc, pods, knownNode), existing, max);

/** What the api-server makes of a plan: names for new slices, the rest replaced or removed. */
function apply(existing: EndpointSliceObject[], p: SlicePlan, next: () => string): EndpointSliceObject[] {
  const gone = new Set(p.delete.map((s) => s.metadata.name));
  const updated = new Map(p.update.map((s) => [s.metadata.name, s]));
  const kept = existing.filter((s) => !gone.has(s.metadata.name)).map((s) => updated.get(s.metadata.name) ?? s);
  return [...kept, ...p.create.map((s) => ({ ...s, metadata: { ...s.metadata, name: `web-${next()}` } }))];
}

describe('a pod as an endpoint (podToEndpoint)', () => {
  it('is ready and serving while Ready, with its IP, node, zone and a reference to it', () => {
    assert.deepEqual(podToEndpoint(pod(1), knownNode('worker-1')), {
      addresses: ['10.244.0.3'],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: 'worker-1',
      zone: 'zone-a',
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-001', uid: 'uid-1' },
    });
  });

  it('is not ready but still serving while a Ready pod terminates', () => {
    assert.deepEqual(podToEndpoint(pod(1, { terminating: true }), undefined).conditions, { ready: false, serving: true, terminating: true });
  });

  it('is left out without an IP, once finished, or while its node is unknown', () => {
    const finished = { ...pod(2), status: { ...pod(2).status, phase: 'Succeeded' as const } };
    const desired = desiredEndpoints(svc, [pod(1, { hasIP: false }), finished, pod(3)], () => undefined);
    assert.deepEqual([...desired.groups.values()].flatMap((g) => [...g.endpoints.values()]), []);
    assert.deepEqual(desired.skipped, ['web-003']);
  });
});

describe('packing endpoints into slices', () => {
  it('puts 250 endpoints into slices of 100, 100 and 50, labelled and owned as Kubernetes does', () => {
    const p = plan(Array.from({ length: 250 }, (_, i) => pod(i)), []);
    assert.deepEqual(p.create.map((s) => s.endpoints.length), [100, 100, 50]);
    assert.deepEqual([p.update, p.delete], [[], []]);
    const first = p.create[0]!;
    assert.equal(first.metadata.generateName, 'web-');
    assert.deepEqual(first.metadata.labels, { tier: 'front', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    assert.deepEqual(first.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }]);
    assert.deepEqual([first.addressType, first.ports], ['IPv4', [{ name: 'http', port: 8080, protocol: 'TCP' }]]);
  });

  it('gives pods whose ports resolve differently slices of their own', () => {
    const p = plan([pod(1), pod(2, { alt: true })], []);
    assert.deepEqual(p.create.map((s) => [s.ports?.[0]?.port, s.endpoints.map((e) => e.targetRef?.name)]).sort(), [[8080, ['web-001']], [9090, ['web-002']]]);
  });

  it('keeps one empty placeholder slice for a Service with no endpoints, and leaves it be', () => {
    const p = plan([], []);
    assert.deepEqual(p.create.map((s) => [s.endpoints, s.ports]), [[[], []]]);
    const placeholder = apply([], p, () => 'aaaaa');
    assert.deepEqual(plan([], placeholder), { create: [], update: [], delete: [] });
  });

  it('updates the one slice whose pod became not ready, in place, and touches nothing else', () => {
    let n = 0;
    const slices = apply([], plan(Array.from({ length: 150 }, (_, i) => pod(i)), []), () => `s${n++}`);
    const p = plan(Array.from({ length: 150 }, (_, i) => pod(i, { ready: i !== 120 })), slices);
    assert.deepEqual([p.create.length, p.delete.length, p.update.map((s) => s.metadata.name)], [0, 0, ['web-s1']]);
    assert.deepEqual(p.update[0]!.endpoints.find((e) => e.targetRef?.name === 'web-120')?.conditions, { ready: false, serving: false, terminating: false });
  });

  it('turns the last endpoint leaving into the placeholder, keeping the slice name', () => {
    const slices = apply([], plan([pod(1)], []), () => 'abcde');
    const p = plan([], slices);
    assert.deepEqual([p.create, p.delete], [[], []]);
    assert.deepEqual(p.update.map((s) => [s.metadata.name, s.endpoints, s.ports]), [['web-abcde', [], []]]);
  });

  it("deletes a slice another Service of the same name left behind", () => {
    const stale = { ...plan([pod(1)], []).create[0]!, metadata: { name: 'web-old', namespace: 'default', labels: {}, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'old-uid' }] } };
    const p = plan([pod(1)], [stale]);
    assert.deepEqual([p.create.length, p.update.length, p.delete.map((s) => s.metadata.name)], [1, 0, ['web-old']]);
  });
});

const shapes = fc.array(fc.record({ ready: fc.boolean(), terminating: fc.boolean(), hasIP: fc.boolean(), alt: fc.boolean() }), { maxLength: 60 });

describe('slices over any pods and any changes (property)', () => {
  it('list every wanted endpoint exactly once, none past the limit, and settle: planning again changes nothing', () => {
    fc.assert(
      fc.property(fc.array(shapes, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 12 }), (rounds, max) => {
        let slices: EndpointSliceObject[] = [];
        let n = 0;
        for (const round of rounds) {
          const pods = round.map((s, i) => pod(i, s));
          slices = apply(slices, plan(pods, slices, max), () => `n${n++}`);
          const wanted = pods.filter((p) => p.status?.podIP).map((p) => `${p.metadata.name} ${p.spec.containers[0]!.ports![0]!.containerPort}`).sort();
          const listed = slices.flatMap((s) => s.endpoints.map((e) => `${e.targetRef?.name} ${s.ports?.[0]?.port}`)).sort();
          assert.deepEqual(listed, wanted);
          for (const s of slices) assert.ok(s.endpoints.length <= max, `a slice of ${s.endpoints.length} > ${max}`);
          if (wanted.length === 0) assert.equal(slices.length, 1, 'one placeholder');
          else assert.ok(slices.every((s) => s.endpoints.length > 0), 'no empty slice beside endpoints');
          for (const s of slices) {
            for (const e of s.endpoints) {
              const p = pods.find((x) => x.metadata.name === e.targetRef?.name)!;
              const ready = p.status?.conditions?.[0]?.status === 'True';
              assert.deepEqual(e.conditions, { ready: ready && !p.metadata.deletionTimestamp, serving: ready, terminating: Boolean(p.metadata.deletionTimestamp) });
            }
          }
          assert.deepEqual(plan(pods, slices, max), { create: [], update: [], delete: [] }, 'a second sync writes nothing');
        }
      }),
      { numRuns: 200 },
    );
  });
});
