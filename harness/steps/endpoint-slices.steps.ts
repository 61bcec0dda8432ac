/**
 * EndpointSlices as a client reads them (P7): the slices of a Service,
 * found by their `kubernetes.io/service-name` label and read together;
 * and the `kubernetes` Service in front of the api-server, with where a
 * pod's connection to it lands.
 */
import { Given, Then } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { RouteOutcome } from '../../spec/adapter.ts';
import type { Endpoint, EndpointSlice } from '../../spec/objects/endpointslice.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Service } from '../../spec/objects/service.ts';
import { cidrHost } from '../../reference/api/cidr.ts';
import { listNodes, podIP } from '../support/cluster-reads.ts';
import type { KubespecWorld } from '../support/world.ts';

type SliceObject = EndpointSlice & KubeObject;
const ns = { namespace: 'default' };
const MANAGED_BY = { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' };

/** A Service's slices; an empty list of endpoints may come back as null (Kubernetes stores an empty list as none). */
async function slicesOf(w: KubespecWorld, service: string): Promise<SliceObject[]> {
  const items = (await w.client().list<SliceObject>('endpointslices', { ...ns, labelSelector: `kubernetes.io/service-name=${service}` })).items;
  return items.map((s) => ({ ...s, endpoints: s.endpoints ?? [] }));
}

/** Every endpoint of the Service's slices with the port its slice gives, in pod-name order. */
async function endpointsOf(w: KubespecWorld, service: string): Promise<Array<Endpoint & { ports: number[] }>> {
  const all = (await slicesOf(w, service)).flatMap((s) => s.endpoints.map((e) => ({ ...e, ports: (s.ports ?? []).map((p) => p.port ?? 0) })));
  return all.sort((a, b) => ((a.targetRef?.name ?? '') < (b.targetRef?.name ?? '') ? -1 : 1));
}

/** Pods bound by hand to one node, web-001 ... web-NNN, labelled app=web, with a container port named "http"; the step waits for their IPs. */
Given('{int} pods run the web server on node {string}', async function (this: KubespecWorld, count: number, node: string) {
  const names = Array.from({ length: count }, (_, i) => `web-${String(i + 1).padStart(3, '0')}`);
  for (const name of names) {
    await this.client().create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app: 'web' } },
      spec: { nodeName: node, containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }] },
    }, ns);
  }
  await this.eventually(async () => {
    for (const name of names) await podIP(this, name);
  });
});

Then('the endpoint slices of service {string} list the ready pods {names}', async function (this: KubespecWorld, service: string, pods: string[]) {
  await this.eventually(async () => {
    const ready = (await endpointsOf(this, service)).filter((e) => e.conditions?.ready === true).map((e) => e.targetRef?.name);
    assert.deepEqual(ready, [...pods].sort());
  });
});

Then('the endpoint slices of service {string} list pod {string} as neither ready nor serving', async function (this: KubespecWorld, service: string, pod: string) {
  await this.eventually(async () => {
    const ep = (await endpointsOf(this, service)).find((e) => e.targetRef?.name === pod);
    assert.ok(ep, `pod "${pod}" is in no slice of service "${service}"`);
    assert.deepEqual(ep.conditions, { ready: false, serving: false, terminating: false });
  });
});

Then('the endpoint slices of service {string} give each pod its IP, its node and port {int}', async function (this: KubespecWorld, service: string, port: number) {
  await this.eventually(async () => {
    const eps = await endpointsOf(this, service);
    assert.ok(eps.length > 0, `service "${service}" has no endpoints in its slices`);
    for (const e of eps) {
      const name = e.targetRef?.name ?? '';
      assert.deepEqual([e.addresses, e.ports, e.targetRef?.kind], [[await podIP(this, name)], [port], 'Pod'], `pod "${name}"`);
      const pod = await this.client().get<KubeObject & { spec: { nodeName?: string } }>('pods', name, ns);
      assert.equal(e.nodeName, pod.spec.nodeName, `the node of pod "${name}"`);
    }
  });
});

Then('each endpoint slice of service {string} is named after it, labelled as its own, and owned by it', async function (this: KubespecWorld, service: string) {
  await this.eventually(async () => {
    const svc = await this.client().get<Service & KubeObject>('services', service, ns);
    const slices = await slicesOf(this, service);
    assert.ok(slices.length > 0, `service "${service}" has no endpoint slices`);
    for (const s of slices) {
      assert.match(s.metadata.name ?? '', new RegExp(`^${service}-[a-z0-9]{5}$`));
      assert.deepEqual({ ...s.metadata.labels }, { ...svc.metadata.labels, 'kubernetes.io/service-name': service, ...MANAGED_BY });
      assert.equal(s.addressType, 'IPv4');
      assert.deepEqual(s.metadata.ownerReferences?.map((o) => [o.kind, o.name, o.uid, o.controller]), [['Service', service, svc.metadata.uid, true]]);
    }
  });
});

Then('service {string} has {int} endpoint slice(s) holding {int} endpoint(s) together, none more than {int}', async function (this: KubespecWorld, service: string, count: number, total: number, max: number) {
  await this.eventually(async () => {
    const sizes = (await slicesOf(this, service)).map((s) => s.endpoints.length).sort((a, b) => b - a);
    assert.equal(sizes.length, count, `slices of ${sizes.join(', ')} endpoints`);
    assert.equal(sizes.reduce((a, b) => a + b, 0), total);
    assert.ok(sizes.every((n) => n <= max), `slices of ${sizes.join(', ')} endpoints`);
  });
});

Then('service {string} has one endpoint slice, with no endpoints and no ports', async function (this: KubespecWorld, service: string) {
  await this.eventually(async () => {
    const slices = await slicesOf(this, service);
    assert.deepEqual(slices.map((s) => [s.endpoints, s.ports ?? []]), [[[], []]]);
  });
});

Then('service {string} has no endpoint slices', async function (this: KubespecWorld, service: string) {
  await this.eventually(async () => assert.deepEqual((await slicesOf(this, service)).map((s) => s.metadata.name), []));
});

Then('service {string} has the first address of the service range as its cluster IP', async function (this: KubespecWorld, service: string) {
  const svc = await this.client().get<Service & KubeObject>('services', service, ns);
  assert.equal(svc.spec.clusterIP, cidrHost(this.cluster.settings.serviceCIDR, 1));
});

Then('service {string} has only port {int}, named {string}, and no selector', async function (this: KubespecWorld, service: string, port: number, name: string) {
  const svc = await this.client().get<Service & KubeObject>('services', service, ns);
  assert.deepEqual((svc.spec.ports ?? []).map((p) => [p.name, p.port, p.protocol]), [[name, port, 'TCP']]);
  assert.equal(svc.spec.selector, undefined);
});

/** The api-server's address is whatever the cluster advertises; what must hold is that both lists agree and use the port the Service targets. */
Then("the endpoints and the endpoint slice of service {string} list the api-server's address on the port the Service targets", async function (this: KubespecWorld, service: string) {
  await this.eventually(async () => {
    const svc = await this.client().get<Service & KubeObject>('services', service, ns);
    const target = svc.spec.ports?.[0]?.targetPort;
    const eps = await this.client().get<KubeObject & { subsets?: Array<{ addresses?: Array<{ ip: string }>; ports?: Array<{ port: number }> }> }>('endpoints', service, ns);
    const fromEndpoints = (eps.subsets ?? []).flatMap((s) => (s.addresses ?? []).flatMap((a) => (s.ports ?? []).map((p) => `${a.ip}:${p.port}`)));
    const slice = await this.client().get<SliceObject>('endpointslices', service, ns);
    const fromSlice = (slice.endpoints ?? []).filter((e) => e.conditions?.ready !== false).flatMap((e) => (slice.ports ?? []).map((p) => `${e.addresses[0]}:${p.port}`));
    assert.ok(fromEndpoints.length > 0, `endpoints "${service}" list no address`);
    assert.deepEqual(fromSlice.sort(), fromEndpoints.sort());
    for (const a of fromEndpoints) assert.ok(a.endsWith(`:${target}`), `${a} is not on the target port ${target}`);
  });
});

/** Where kube-proxy must send it: every address the Service's slices mark ready (or leave unmarked), on the slice's port. */
Then('on every node, a connection from pod {string} to service {string} port {int} reaches the ready addresses of its endpoint slices', async function (this: KubespecWorld, from: string, service: string, port: number) {
  const route = this.cluster.observe.route;
  assert.ok(route, 'the cluster cannot route a packet through its rules; tag the scenario @dataplane');
  await this.eventually(async () => {
    const svc = await this.client().get<Service & KubeObject>('services', service, ns);
    const expected = (await slicesOf(this, service)).flatMap((s) => s.endpoints.filter((e) => e.conditions?.ready !== false).map((e) => `${e.addresses[0]}:${s.ports?.[0]?.port}`)).sort();
    assert.ok(expected.length > 0, `service "${service}" has no ready endpoint in its slices`);
    const src = await podIP(this, from);
    for (const node of (await listNodes(this)).map((n) => n.metadata.name!)) {
      const outcome: RouteOutcome = route.call(this.cluster.observe, node, { from: src, to: svc.spec.clusterIP!, port, protocol: 'TCP' });
      assert.ok(outcome.verdict === 'dnat', `on node "${node}" the connection was ${outcome.verdict}`);
      assert.deepEqual(outcome.destinations.map((d) => `${d.ip}:${d.port}`).sort(), expected, `on node "${node}"`);
    }
  });
});
