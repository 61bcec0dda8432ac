/** Services, their endpoints, and what kube-proxy made of them on each node (P1-P9). */
import { Given, Then } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Service } from '../../spec/objects/service.ts';
import type { Endpoints } from '../../spec/objects/endpoints.ts';
import { cidrContains } from '../../reference/api/cidr.ts';
import { getNode, getPod, listNodes, listPods, podIP } from '../support/cluster-reads.ts';
import type { KubespecWorld } from '../support/world.ts';

const ns = { namespace: 'default' };

const getService = (w: KubespecWorld, name: string) => w.client().get<Service & KubeObject>('services', name, ns);
const getEndpoints = (w: KubespecWorld, name: string) => w.client().get<Endpoints & KubeObject>('endpoints', name, ns);

async function clusterIP(w: KubespecWorld, name: string): Promise<string> {
  const ip = (await getService(w, name)).spec.clusterIP;
  assert.ok(ip, `service "${name}" has no cluster IP`);
  return ip;
}

const nodeNames = async (w: KubespecWorld) => (await listNodes(w)).map((n) => n.metadata.name!);

function rulesOn(w: KubespecWorld, node: string): string {
  const rules = w.cluster.observe.proxyRules?.(node);
  assert.ok(rules !== undefined, 'the cluster does not show its proxy rules; tag the scenario @proxy-rules');
  return rules;
}

/** Pods bound by hand (spec.nodeName) with a container port named "http"; the step waits until each has an IP. */
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
  for (const node of await listNodes(this)) {
    const range = node.spec?.podCIDR;
    assert.ok(range && !cidrContains(range, ip), `${ip} is in the pod range ${range} of node "${node.metadata.name}"`);
  }
});

/** Nothing runs for a Service: no pod is owned by it, none has its IP, and in its namespace none is selected by it. */
Then('no pod was created for service {string}', async function (this: KubespecWorld, name: string) {
  await this.eventually(async () => {
    const svc = await getService(this, name);
    const selector = Object.entries(svc.spec.selector ?? {});
    const selected = (await listPods(this)).filter((p) => selector.length > 0 && selector.every(([k, v]) => p.metadata.labels?.[k] === v));
    assert.deepEqual(selected.map((p) => p.metadata.name), [], 'pods that the Service selects');
    const everywhere = (await this.client().list<KubeObject & { status?: { podIP?: string } }>('pods')).items;
    assert.deepEqual(everywhere.filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === svc.metadata.uid)).map((p) => p.metadata.name), [], 'pods owned by the Service');
    assert.deepEqual(everywhere.filter((p) => p.status?.podIP === svc.spec.clusterIP).map((p) => p.metadata.name), [], "pods with the Service's IP");
  });
});

Then('endpoints {string} list the ready pods {names}', async function (this: KubespecWorld, name: string, pods: string[]) {
  await this.eventually(async () => {
    const ready = ((await getEndpoints(this, name)).subsets ?? []).flatMap((s) => s.addresses ?? []).map((a) => a.targetRef?.name).sort();
    assert.deepEqual(ready, [...pods].sort());
  });
});

Then('endpoints {string} list the not-ready pods {names}', async function (this: KubespecWorld, name: string, pods: string[]) {
  await this.eventually(async () => {
    const notReady = ((await getEndpoints(this, name)).subsets ?? []).flatMap((s) => s.notReadyAddresses ?? []).map((a) => a.targetRef?.name).sort();
    assert.deepEqual(notReady, [...pods].sort());
  });
});

Then('endpoints {string} give port {int} for each pod', async function (this: KubespecWorld, name: string, port: number) {
  await this.eventually(async () => {
    const subsets = (await getEndpoints(this, name)).subsets ?? [];
    assert.ok(subsets.length > 0, `endpoints "${name}" have no subsets`);
    for (const s of subsets) assert.deepEqual((s.ports ?? []).map((p) => p.port), [port]);
  });
});

Then('every node has rules for service {string} port {string}', async function (this: KubespecWorld, name: string, port: string) {
  await this.eventually(async () => {
    const ip = await clusterIP(this, name);
    const sp = (await getService(this, name)).spec.ports?.find((p) => p.name === port);
    assert.ok(sp, `service "${name}" has no port "${port}"`);
    for (const node of await nodeNames(this)) {
      const rule = new RegExp(`^-A KUBE-SERVICES -m comment --comment "default/${name}:${port} cluster IP" -m tcp -p tcp -d ${ip.replace(/\./g, '\\.')} --dport ${sp.port} -j KUBE-SVC-[A-Z2-7]{16}$`, 'm');
      assert.match(rulesOn(this, node), rule, `node "${node}" has no rule for ${ip}:${sp.port}`);
    }
  });
});

Then('the service rules are the same on every node', async function (this: KubespecWorld) {
  await this.eventually(async () => {
    const nodes = await nodeNames(this);
    assert.ok(nodes.length > 1, 'this check needs more than one node');
    const appended = (node: string) => rulesOn(this, node).split('\n').filter((l) => l.startsWith('-A '));
    for (const node of nodes.slice(1)) assert.deepEqual(appended(node), appended(nodes[0]!), `node "${node}" differs from "${nodes[0]}"`);
  });
});

Then('node {string} DNATs service {string} port {string} to pod(s) {names} on port {int}', async function (this: KubespecWorld, node: string, name: string, port: string, pods: string[], target: number) {
  await this.eventually(async () => {
    const rules = rulesOn(this, node);
    for (const pod of pods) {
      const dest = `${await podIP(this, pod)}:${target}`;
      assert.match(rules, new RegExp(`^-A KUBE-SEP-[A-Z2-7]{16} -m comment --comment default/${name}:${port} -m tcp -p tcp -j DNAT --to-destination ${dest.replace(/\./g, '\\.')}$`, 'm'), `no DNAT to ${dest}`);
    }
  });
  this.attach(rulesOn(this, node), 'text/plain');
});

/** Where a connection from a pod to a Service lands, asked of every node's rules. */
async function routes(w: KubespecWorld, from: string, name: string, port: number) {
  const route = w.cluster.observe.route;
  assert.ok(route, 'the cluster cannot route a packet through its rules; tag the scenario @dataplane');
  const to = await clusterIP(w, name);
  const src = await podIP(w, from);
  return Promise.all((await nodeNames(w)).map(async (node) => ({ node, outcome: route.call(w.cluster.observe, node, { from: src, to, port, protocol: 'TCP' }) })));
}

Then('on every node, a connection from pod {string} to service {string} port {int} reaches {names}, each with probability 1\\/{int}', async function (this: KubespecWorld, from: string, name: string, port: number, pods: string[], n: number) {
  await this.eventually(async () => {
    const byIP = new Map((await listPods(this)).map((p) => [p.status?.podIP, p.metadata.name]));
    for (const { node, outcome } of await routes(this, from, name, port)) {
      assert.ok(outcome.verdict === 'dnat', `on node "${node}" the connection was ${outcome.verdict}`);
      assert.deepEqual(outcome.destinations.map((d) => byIP.get(d.ip)).sort(), [...pods].sort(), `on node "${node}"`);
      for (const d of outcome.destinations) assert.ok(Math.abs(d.probability - 1 / n) < 1e-9, `on node "${node}", ${d.ip} gets ${d.probability}`);
    }
  });
});

Then('on every node, a connection from pod {string} to service {string} port {int} is refused', async function (this: KubespecWorld, from: string, name: string, port: number) {
  await this.eventually(async () => {
    for (const { node, outcome } of await routes(this, from, name, port)) assert.equal(outcome.verdict, 'rejected', `on node "${node}"`);
  });
});

Then("pods {string} and {string} have different IPs from their own nodes' pod ranges", async function (this: KubespecWorld, a: string, b: string) {
  await this.eventually(async () => {
    const [pa, pb] = await Promise.all([getPod(this, a), getPod(this, b)]);
    assert.notEqual(pa.spec.nodeName, pb.spec.nodeName, 'the two pods run on the same node');
    for (const p of [pa, pb]) {
      const range = (await getNode(this, p.spec.nodeName!)).spec?.podCIDR;
      const ip = p.status?.podIP;
      assert.ok(range && ip && cidrContains(range, ip), `${ip} is outside ${range}`);
      assert.ok(cidrContains(this.cluster.settings.clusterCIDR, ip), `${ip} is outside the cluster's pod network`);
    }
    assert.notEqual(pa.status?.podIP, pb.status?.podIP);
  });
});

Then('a connection from pod {string} to pod {string} port {int} is not rewritten on any node', async function (this: KubespecWorld, from: string, to: string, port: number) {
  const route = this.cluster.observe.route;
  assert.ok(route, 'the cluster cannot route a packet through its rules; tag the scenario @dataplane');
  await this.eventually(async () => {
    const [src, dst] = [await podIP(this, from), await podIP(this, to)];
    for (const node of await nodeNames(this)) {
      assert.deepEqual(route.call(this.cluster.observe, node, { from: src, to: dst, port, protocol: 'TCP' }), { verdict: 'unchanged' }, `node "${node}" rewrote a pod-to-pod packet`);
    }
  });
});
