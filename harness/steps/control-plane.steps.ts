/** A stacked control plane: several api-servers, each on its own etcd member (E3). */
import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { ControlPlaneControl } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { KubespecWorld } from '../support/world.ts';

function controlPlane(world: KubespecWorld): ControlPlaneControl {
  const cp = world.cluster.controlPlane;
  if (!cp) throw new Error(`adapter "${world.adapter.name}" started no stacked control plane; tag the scenario @stacked-etcd`);
  return cp;
}

const configMap = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { written: name } });

async function createConfigMap(world: KubespecWorld, name: string, member: string): Promise<void> {
  await controlPlane(world).client(member).create('configmaps', configMap(name), { namespace: 'default' });
}

async function readConfigMap(world: KubespecWorld, name: string, member: string): Promise<void> {
  const cm = await duringElection(() => controlPlane(world).client(member).get('configmaps', name, { namespace: 'default' }));
  assert.deepEqual(cm.data, { written: name }, `config map "${name}" read through ${member}`);
}

/** How long the remaining etcd members may take to elect a new leader (etcd's default election timeout is 1 s). */
const ELECTION_PATIENCE_MS = 20_000;

/**
 * Retries a request that fails with a server error while the etcd members
 * elect a leader, as any Kubernetes client retries; real seconds, because
 * the members are real processes.
 */
async function duringElection<T>(request: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + ELECTION_PATIENCE_MS;
  for (;;) {
    try {
      return await request();
    } catch (e) {
      const code = (e as { status?: { code?: number } }).status?.code ?? 0;
      if (code < 500 || Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

Given('a cluster with {int} control-plane nodes, each running its own etcd member', async function (this: KubespecWorld, count: number) {
  await this.startCluster({ controlPlaneNodes: count });
  assert.equal(controlPlane(this).members.length, count);
});

Given('the admin created config map {string} through control-plane node {string}', async function (this: KubespecWorld, name: string, member: string) {
  await createConfigMap(this, name, member);
});

When('the admin creates config map {string} through control-plane node {string}', async function (this: KubespecWorld, name: string, member: string) {
  await createConfigMap(this, name, member);
});

When(
  'the admin creates config map {string} through control-plane node {string}, retrying while the members elect a new leader',
  async function (this: KubespecWorld, name: string, member: string) {
    await duringElection(() => createConfigMap(this, name, member));
  },
);

When('the admin tries to create config map {string} through control-plane node {string}', async function (this: KubespecWorld, name: string, member: string) {
  await this.attempt(() => createConfigMap(this, name, member));
});

const service = (name: string, clusterIP: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { clusterIP, selector: { app: name }, ports: [{ port: 80 }] },
});

When('the admin creates service {string} with cluster IP {string} through control-plane node {string}', async function (this: KubespecWorld, name: string, ip: string, member: string) {
  await controlPlane(this).client(member).create('services', service(name, ip), { namespace: 'default' });
});

When('the admin tries to create service {string} with cluster IP {string} through control-plane node {string}', async function (this: KubespecWorld, name: string, ip: string, member: string) {
  await this.attempt(() => controlPlane(this).client(member).create('services', service(name, ip), { namespace: 'default' }));
});

When('the etcd member of control-plane node {string} stops', async function (this: KubespecWorld, member: string) {
  await controlPlane(this).stopMember(member);
});

When('the etcd members of control-plane nodes {string} and {string} stop', async function (this: KubespecWorld, a: string, b: string) {
  await controlPlane(this).stopMember(a);
  await controlPlane(this).stopMember(b);
});

When('the etcd member of control-plane node {string} starts again', async function (this: KubespecWorld, member: string) {
  await controlPlane(this).startMember(member);
});

Then('config map {string} can be read through control-plane nodes {string} and {string}', async function (this: KubespecWorld, name: string, a: string, b: string) {
  await this.eventually(async () => {
    await readConfigMap(this, name, a);
    await readConfigMap(this, name, b);
  });
});

Then('config map {string} can be read through control-plane node {string}', async function (this: KubespecWorld, name: string, member: string) {
  await this.eventually(() => readConfigMap(this, name, member));
});

Then('config maps {string} and {string} can be read through control-plane node {string}', async function (this: KubespecWorld, a: string, b: string, member: string) {
  await this.eventually(async () => {
    await readConfigMap(this, a, member);
    await readConfigMap(this, b, member);
  });
});


Then('the request is refused with a server error', function (this: KubespecWorld) {
  assert.ok(this.lastError, 'the request was not refused');
  assert.ok(this.lastError.status.code >= 500, `expected a 5xx Status, got ${this.lastError.status.code} ${this.lastError.status.reason}`);
});
