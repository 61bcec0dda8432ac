/** Pods: placing one on a node by hand, and what a client reads of them (A2.4, A2.5, K4, C6). */
import { Given, Then } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { cidrContains } from '../../reference/api/cidr.ts';
import { conditionOf, getNode, getPod, itsNode, listNodes, simplePod } from '../support/cluster-reads.ts';
import { MOMENT_NAMES, type Moment } from '../support/parameter-types.ts';
import { within } from '../support/windows.ts';
import type { KubespecWorld } from '../support/world.ts';

/** Created with spec.nodeName set, so no scheduler is involved; the step waits until its kubelet runs it. */
Given('pod {string} runs on node {string}', async function (this: KubespecWorld, name: string, node: string) {
  const pod = simplePod(name, 'nginx:1.27');
  pod.spec.nodeName = node;
  await this.client().create('pods', pod, { namespace: 'default' });
  await this.eventually(async () => assert.equal((await getPod(this, name)).status?.phase, 'Running'));
});

/** Notes the pod's node as "its node" for the steps after. */
Then('pod {string} is Running on one of the nodes', async function (this: KubespecWorld, name: string) {
  await this.eventually(async () => {
    const pod = await getPod(this, name);
    assert.equal(pod.status?.phase, 'Running', `pod "${name}" is ${pod.status?.phase ?? 'without a phase'}`);
    const nodes = await listNodes(this);
    assert.ok(nodes.some((n) => n.metadata.name === pod.spec.nodeName), `pod "${name}" runs on "${pod.spec.nodeName}", which is not a node`);
  });
  await itsNode(this, name);
});

Then('pod {string} is in phase {string}', async function (this: KubespecWorld, name: string, phase: string) {
  await this.eventually(async () => assert.equal((await getPod(this, name)).status?.phase, phase));
});

Then('pod {string} has Ready condition {string}', async function (this: KubespecWorld, name: string, status: string) {
  await this.eventually(async () => assert.equal(conditionOf(await getPod(this, name), 'Ready')?.status, status));
});

Then('pod {string} is still running on node {string}', async function (this: KubespecWorld, name: string, node: string) {
  await this.eventually(async () => {
    const pod = await getPod(this, name);
    assert.equal(pod.spec.nodeName, node);
    assert.equal(pod.metadata.deletionTimestamp, undefined, `pod "${name}" is marked for deletion`);
    assert.equal(pod.status?.phase, 'Running');
  });
});

/** Evicted as the taint manager evicts: a DisruptionTarget condition, then the deletion mark (the pod stays until its kubelet stops it). */
async function markedByTaintManager(world: KubespecWorld, name: string): Promise<void> {
  const pod = await getPod(world, name);
  assert.ok(pod.metadata.deletionTimestamp, `pod "${name}" is not marked for deletion`);
  const target = conditionOf(pod, 'DisruptionTarget');
  assert.deepEqual([target?.status, target?.reason, target?.message], ['True', 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint']);
}

Then('pod {string} is marked for deletion by the taint manager', async function (this: KubespecWorld, name: string) {
  await this.eventually(() => markedByTaintManager(this, name));
});

/** A timed eviction: not before the wait is over, and within a node-monitor period after (windows.ts). */
Then('pod {string} is marked for deletion by the taint manager once {duration} has passed since {moment}', async function (this: KubespecWorld, name: string, ms: number, moment: Moment) {
  const marked = async () => (await getPod(this, name)).metadata.deletionTimestamp !== undefined;
  await within(this, { what: `pod "${name}" is marked for deletion`, since: this.notes.recall(moment), sinceName: MOMENT_NAMES[moment], afterMs: ms }, marked);
  await this.eventually(() => markedByTaintManager(this, name));
});

Then("pod {string} has an IP address from its node's pod range", async function (this: KubespecWorld, name: string) {
  await this.eventually(async () => {
    const pod = await getPod(this, name);
    const range = (await getNode(this, pod.spec.nodeName ?? '')).spec?.podCIDR;
    assert.ok(pod.status?.podIP, `pod "${name}" has no IP`);
    assert.ok(range, `node "${pod.spec.nodeName}" has no pod CIDR`);
    assert.ok(cidrContains(range, pod.status.podIP), `pod IP ${pod.status.podIP} is outside its node's range ${range}`);
  });
});

Then("pod {string} reports its node's address as its host IP", async function (this: KubespecWorld, name: string) {
  await this.eventually(async () => {
    const pod = await getPod(this, name);
    const node = await getNode(this, pod.spec.nodeName ?? '');
    assert.equal(pod.status?.hostIP, node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address);
  });
});
