/** A stacked control plane: several api-servers, each on its own etcd member (E3). */
import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { ControlPlaneControl } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { isStatusError } from '../../spec/objects/status.ts';
import type { KubespecWorld } from '../support/world.ts';

function controlPlane(world: KubespecWorld): ControlPlaneControl {
  const cp = world.cluster.controlPlane;
  if (!cp) throw new Error(`adapter "${world.adapter.name}" started no stacked control plane; tag the scenario @stacked-etcd`);
  return cp;
}

const ns = { namespace: 'default' };
const configMap = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { written: name } });
const service = (name: string, clusterIP: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { clusterIP, selector: { app: name }, ports: [{ port: 80 }] },
});

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
      if (!isStatusError(e) || e.status.code < 500 || Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

Given('a cluster with {int} control-plane nodes, each running its own etcd member', async function (this: KubespecWorld, count: number) {
  await this.startCluster({ controlPlaneNodes: count });
  assert.equal(controlPlane(this).members.length, count);
});

When('the administrator creates config map {string} through control-plane node {string}', async function (this: KubespecWorld, name: string, member: string) {
  await this.send(() => controlPlane(this).client(member).create('configmaps', configMap(name), ns));
});

When(
  'the administrator creates config map {string} through control-plane node {string}, retrying while the members elect a new leader',
  async function (this: KubespecWorld, name: string, member: string) {
    await this.send(() => duringElection(() => controlPlane(this).client(member).create('configmaps', configMap(name), ns)));
  },
);

When('the administrator tries to create config map {string} through control-plane node {string}', async function (this: KubespecWorld, name: string, member: string) {
  await this.attempt(() => controlPlane(this).client(member).create('configmaps', configMap(name), ns));
});

When('the administrator creates service {string} with cluster IP {string} through control-plane node {string}', async function (this: KubespecWorld, name: string, ip: string, member: string) {
  await this.send(() => controlPlane(this).client(member).create('services', service(name, ip), ns));
});

When('the administrator tries to create service {string} with cluster IP {string} through control-plane node {string}', async function (this: KubespecWorld, name: string, ip: string, member: string) {
  await this.attempt(() => controlPlane(this).client(member).create('services', service(name, ip), ns));
});

When('the etcd member(s) of control-plane node(s) {names} stop(s)', async function (this: KubespecWorld, members: string[]) {
  for (const member of members) await controlPlane(this).stopMember(member);
});

When('the etcd member of control-plane node {string} starts again', async function (this: KubespecWorld, member: string) {
  await controlPlane(this).startMember(member);
});

Then('config map(s) {names} can be read through control-plane node(s) {names}', async function (this: KubespecWorld, names: string[], members: string[]) {
  await this.eventually(async () => {
    for (const member of members) {
      for (const name of names) {
        const cm = await duringElection(() => controlPlane(this).client(member).get('configmaps', name, ns));
        assert.deepEqual(cm.data, { written: name }, `config map "${name}" read through ${member}`);
      }
    }
  });
});
