/** Creating pods and reading what became of them. */
import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Credentials } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';
import { cidrContains } from '../../reference/api/cidr.ts';
import { getPod, itsNode, simplePod } from '../support/cluster-reads.ts';
import type { KubespecWorld } from '../support/world.ts';

function credentialsFrom(phrase: string): Credentials {
  if (phrase === 'no token') return { anonymous: true };
  const m = /^the token "(.*)"$/.exec(phrase);
  if (m) return { token: m[1]! };
  throw new Error(`Expected "no token" or 'the token "..."', got ${JSON.stringify(phrase)}`);
}

When('{string} creates this pod:', async function (this: KubespecWorld, user: string, yaml: string) {
  await this.client(user).create('pods', this.manifest(yaml), { namespace: 'default' });
});

When('{string} creates a pod {string} running {string}', async function (this: KubespecWorld, user: string, name: string, image: string) {
  await this.client(user).create('pods', simplePod(name, image), { namespace: 'default' });
});

When(
  /^a client with (no token|the token "[^"]*") tries to create a pod "([^"]+)" running "([^"]+)"$/,
  async function (this: KubespecWorld, credentials: string, name: string, image: string) {
    const mark = this.cluster.observe.storeLog?.().length;
    if (mark !== undefined) this.notes.note('storeLogMark', mark);
    await this.attempt(() => this.client(credentialsFrom(credentials)).create('pods', simplePod(name, image), { namespace: 'default' }));
  },
);

Then('pod {string} is Running on one of the nodes', async function (this: KubespecWorld, name: string) {
  await this.eventually(async () => {
    const pod = await getPod(this, name);
    assert.equal(pod.status?.phase, 'Running', `pod "${name}" is ${pod.status?.phase ?? 'without a phase'}`);
    const nodes = await this.client().list('nodes');
    assert.ok(nodes.items.some((n) => n.metadata.name === pod.spec.nodeName), `pod "${name}" runs on "${pod.spec.nodeName}", which is not a node`);
  });
  await itsNode(this, name);
});

Then("pod {string} has an IP address from its node's pod range", async function (this: KubespecWorld, name: string) {
  const pod = await getPod(this, name);
  const node = await this.client().get<Node & KubeObject>('nodes', pod.spec.nodeName ?? '');
  const range = node.spec?.podCIDR;
  assert.ok(pod.status?.podIP, `pod "${name}" has no IP`);
  assert.ok(range, `node "${pod.spec.nodeName}" has no pod CIDR`);
  assert.ok(cidrContains(range, pod.status.podIP), `pod IP ${pod.status.podIP} is outside its node's range ${range}`);
});

Then('the container {string} of pod {string} is running image {string}', async function (this: KubespecWorld, container: string, name: string, image: string) {
  const pod = await getPod(this, name);
  const status = pod.status?.containerStatuses?.find((c) => c.name === container);
  assert.ok(status, `pod "${name}" reports no container "${container}"`);
  assert.ok(status.state.running, `container "${container}" is not running: ${JSON.stringify(status.state)}`);
  assert.ok(status.image.endsWith(image), `container "${container}" runs ${status.image}, not ${image}`);
});

Then('pod {string} does not exist', async function (this: KubespecWorld, name: string) {
  await this.eventually(async () => {
    const pods = await this.client().list('pods', { namespace: 'default' });
    assert.ok(!pods.items.some((p) => p.metadata.name === name), `pod "${name}" exists`);
  });
});
