/** Services, their endpoints, and what kube-proxy made of them on each node (P1-P9). */
import { Given, Then, When } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import type { Service } from '../../spec/objects/service.ts';
import type { Endpoints } from '../../spec/objects/endpoints.ts';
import { cidrContains } from '../../reference/api/cidr.ts';
import type { KubespecWorld } from '../support/world.ts';

type PodObject = Pod & KubeObject;
const ns = { namespace: 'default' };

const service = (w: KubespecWorld, name: string) => w.client().get<Service & KubeObject>('services', name, ns);
const clusterIP = async (w: KubespecWorld, name: string) => {
  const ip = (await service(w, name)).spec.clusterIP;
  assert.ok(ip, `service "${name}" has no cluster IP`);
  return ip;
};
const nodeNames = async (w: KubespecWorld) => (await w.client().list<Node & KubeObject>('nodes')).items.map((n) => n.metadata.name!);
const podIP = async (w: KubespecWorld, name: string) => {
  const ip = (await w.client().get<PodObject>('pods', name, ns)).status?.podIP;
  assert.ok(ip, `pod "${name}" has no IP yet`);
  return ip;
};
const names = (list: string) => list.split(/,\s*|\s+and\s+/).map((s) => s.replace(/"/g, '').trim()).filter(Boolean);
const podRules = (w: KubespecWorld, node: string) => {
  const rules = w.cluster.observe.proxyRules?.(node);
  assert.ok(rules !== undefined, 'the cluster does not show its proxy rules');
  return rules;
};

Given('these pods run the web server:', async function (this: KubespecWorld, table: DataTable) {
  for (const row of table.hashes()) {
    const labels = Object.fromEntries((row.labels ?? 'app=web').split(',').map((kv) => kv.trim().split('=') as [string, string]));
    await this.client().create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: row.name, labels },
      spec: { nodeName: row.node, containers: [{ name: 'web', image: row.image ?? 'nginx:1.27', ports: [{ name: 'http', containerPort: Number(row.port ?? 8080) }] }] },
    }, ns);
  }
  await this.eventually(async () => {
    for (const row of table.hashes()) await podIP(this, row.name!);
  });
});

When('the administrator creates the service:', async function (this: KubespecWorld, yaml: string) {
  this.notes.note('podsBefore', (await this.client().list('pods')).items.length);
  await this.client().create('services', this.manifest(yaml), ns);
  await this.cluster.settle();
});

When('the administrator tries to create the service:', async function (this: KubespecWorld, yaml: string) {
  await this.attempt(() => this.client().create('services', this.manifest(yaml), ns));
});

When('the administrator removes service {string}', async function (this: KubespecWorld, name: string) {
  await this.client().delete('services', name, ns);
  await this.cluster.settle();
});

Given('containers of image {string} crash soon after they start', function (this: KubespecWorld, image: string) {
  const crash = this.cluster.nodes.crashContainer;
  assert.ok(crash, 'the cluster cannot make containers crash');
  crash.call(this.cluster.nodes, image, 1);
});

When('pod {string} goes away', async function (this: KubespecWorld, name: string) {
  await this.client().delete('pods', name, { ...ns, gracePeriodSeconds: 0 });
  await this.cluster.settle();
});

Then('service {string} has a cluster IP from the service range', async function (this: KubespecWorld, name: string) {
  const ip = await clusterIP(this, name);
  assert.ok(cidrContains(this.cluster.settings.serviceCIDR, ip), `${ip} is outside the service range ${this.cluster.settings.serviceCIDR}`);
});

Then('service {string} has the cluster IP {string}', async function (this: KubespecWorld, name: string, ip: string) {
  assert.equal(await clusterIP(this, name), ip);
});

Then("the cluster IP of service {string} is in no node's pod range", async function (this: KubespecWorld, name: string) {
  const ip = await clusterIP(this, name);
  assert.ok(!cidrContains(this.cluster.settings.clusterCIDR, ip), `${ip} is inside the pod network ${this.cluster.settings.clusterCIDR}`);
  for (const node of (await this.client().list<Node & KubeObject>('nodes')).items) {
    const range = node.spec?.podCIDR;
    assert.ok(range && !cidrContains(range, ip), `${ip} is in the pod range ${range} of node "${node.metadata.name}"`);
  }
});

Then('no pod was created for service {string}', async function (this: KubespecWorld, name: string) {
  const pods = (await this.client().list<PodObject>('pods')).items;
  assert.equal(pods.length, this.notes.recall('podsBefore'), 'creating the Service changed the number of pods');
  const ip = await clusterIP(this, name);
  assert.ok(!pods.some((p) => p.status?.podIP === ip), `a pod has the Service's IP ${ip}`);
});

Then('endpoints {string} list the ready pods {string}', async function (this: KubespecWorld, name: string, list: string) {
  await this.eventually(async () => {
    const eps = await this.client().get<Endpoints & KubeObject>('endpoints', name, ns);
    const ready = (eps.subsets ?? []).flatMap((s) => s.addresses ?? []).map((a) => a.targetRef?.name).sort();
    assert.deepEqual(ready, names(list).sort());
  });
});

Then('endpoints {string} list the not-ready pods {string}', async function (this: KubespecWorld, name: string, list: string) {
  const eps = await this.client().get<Endpoints & KubeObject>('endpoints', name, ns);
  const notReady = (eps.subsets ?? []).flatMap((s) => s.notReadyAddresses ?? []).map((a) => a.targetRef?.name).sort();
  assert.deepEqual(notReady, names(list).sort());
});

Then('endpoints {string} give port {int} for each pod', async function (this: KubespecWorld, name: string, port: number) {
  const eps = await this.client().get<Endpoints & KubeObject>('endpoints', name, ns);
  for (const s of eps.subsets ?? []) assert.deepEqual((s.ports ?? []).map((p) => p.port), [port]);
  assert.ok((eps.subsets ?? []).length > 0, `endpoints "${name}" have no subsets`);
});

Then('every node has rules for service {string} port {string}', async function (this: KubespecWorld, name: string, port: string) {
  const ip = await clusterIP(this, name);
  const svc = await service(this, name);
  const sp = svc.spec.ports?.find((p) => p.name === port);
  assert.ok(sp, `service "${name}" has no port "${port}"`);
  for (const node of await nodeNames(this)) {
    const rules = podRules(this, node);
    assert.match(rules, new RegExp(`^-A KUBE-SERVICES -m comment --comment "default/${name}:${port} cluster IP" -m tcp -p tcp -d ${ip.replace(/\./g, '\\.')} --dport ${sp.port} -j KUBE-SVC-[A-Z2-7]{16}$`, 'm'), `node "${node}" has no rule for ${ip}:${sp.port}`);
  }
});

Then('the service rules are the same on every node', async function (this: KubespecWorld) {
  const nodes = await nodeNames(this);
  assert.ok(nodes.length > 1, 'this check needs more than one node');
  const appended = (node: string) => podRules(this, node).split('\n').filter((l) => l.startsWith('-A '));
  for (const node of nodes.slice(1)) assert.deepEqual(appended(node), appended(nodes[0]!), `node "${node}" differs from "${nodes[0]}"`);
});

Then(/^node "([^"]+)" DNATs service "([^"]+)" port "([^"]+)" to pods? (.+) on port (\d+)$/, async function (this: KubespecWorld, node: string, name: string, port: string, list: string, target: string) {
  const rules = podRules(this, node);
  const ip = await clusterIP(this, name);
  for (const pod of names(list)) {
    const dest = `${await podIP(this, pod)}:${target}`;
    assert.match(rules, new RegExp(`^-A KUBE-SEP-[A-Z2-7]{16} -m comment --comment default/${name}:${port} -m tcp -p tcp -j DNAT --to-destination ${dest.replace(/\./g, '\\.')}$`, 'm'), `no DNAT to ${dest} for ${ip}`);
  }
  this.attach(rules, 'text/plain');
});

/** Where a connection from a pod to a Service lands, asked of every node's rules. */
async function routes(w: KubespecWorld, from: string, name: string, port: number) {
  const route = w.cluster.observe.route;
  assert.ok(route, 'the cluster cannot route a packet through its rules');
  const to = await clusterIP(w, name);
  const src = await podIP(w, from);
  return Promise.all((await nodeNames(w)).map(async (node) => ({ node, outcome: route.call(w.cluster.observe, node, { from: src, to, port, protocol: 'TCP' }) })));
}

Then(
  /^on every node, a connection from pod "([^"]+)" to service "([^"]+)" port (\d+) reaches (.+), each with probability 1\/(\d+)$/,
  async function (this: KubespecWorld, from: string, name: string, port: string, list: string, n: string) {
    const pods = (await this.client().list<PodObject>('pods', ns)).items;
    const byIP = new Map(pods.map((p) => [p.status?.podIP, p.metadata.name]));
    for (const { node, outcome } of await routes(this, from, name, Number(port))) {
      assert.equal(outcome.verdict, 'dnat', `on node "${node}" the connection was ${outcome.verdict}`);
      if (outcome.verdict !== 'dnat') return;
      assert.deepEqual(outcome.destinations.map((d) => byIP.get(d.ip)).sort(), names(list).sort(), `on node "${node}"`);
      for (const d of outcome.destinations) assert.ok(Math.abs(d.probability - 1 / Number(n)) < 1e-9, `on node "${node}", ${d.ip} gets ${d.probability}`);
    }
  },
);

Then('on every node, a connection from pod {string} to service {string} port {int} is refused', async function (this: KubespecWorld, from: string, name: string, port: number) {
  for (const { node, outcome } of await routes(this, from, name, port)) assert.equal(outcome.verdict, 'rejected', `on node "${node}"`);
});

Then('pods {string} and {string} have different IPs from their own nodes\' pod ranges', async function (this: KubespecWorld, a: string, b: string) {
  const [pa, pb] = await Promise.all([a, b].map((n) => this.client().get<PodObject>('pods', n, ns)));
  assert.notEqual(pa!.spec.nodeName, pb!.spec.nodeName, 'the two pods run on the same node');
  for (const p of [pa!, pb!]) {
    const node = await this.client().get<Node & KubeObject>('nodes', p.spec.nodeName!);
    assert.ok(cidrContains(node.spec!.podCIDR!, p.status!.podIP!), `${p.status?.podIP} is outside ${node.spec?.podCIDR}`);
    assert.ok(cidrContains(this.cluster.settings.clusterCIDR, p.status!.podIP!), `${p.status?.podIP} is outside the cluster's pod network`);
  }
  assert.notEqual(pa!.status!.podIP, pb!.status!.podIP);
});

Then('a connection from pod {string} to pod {string} port {int} is not rewritten on any node', async function (this: KubespecWorld, from: string, to: string, port: number) {
  const [src, dst] = [await podIP(this, from), await podIP(this, to)];
  for (const node of await nodeNames(this)) {
    assert.deepEqual(this.cluster.observe.route!(node, { from: src, to: dst, port, protocol: 'TCP' }), { verdict: 'unchanged' }, `node "${node}" rewrote a pod-to-pod packet`);
  }
});
