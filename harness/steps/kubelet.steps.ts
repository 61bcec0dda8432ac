/**
 * The kubelet as a client sees it (K1-K4, A2 steps 3-5): the Node and Lease
 * it keeps fresh, the pod status it reports, the Events it records, and
 * the failures its container runtime can be made to have.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Event } from '../../spec/objects/event.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { ContainerStatus, Pod } from '../../spec/objects/pod.ts';
import { eventsAbout, getNode, storeLog } from '../support/cluster-reads.ts';
import type { KubespecWorld } from '../support/world.ts';

type PodObject = Pod & KubeObject;
const ns = { namespace: 'default' };
const isWrite = (op: string) => op === 'create' || op === 'update' || op === 'delete';

async function containerStatus(world: KubespecWorld, pod: string, container: string): Promise<ContainerStatus> {
  const p = await world.client().get<PodObject>('pods', pod, ns);
  const s = p.status?.containerStatuses?.find((c) => c.name === container);
  assert.ok(s, `pod "${pod}" reports no container "${container}"`);
  return s;
}

Given('the image {string} cannot be pulled', function (this: KubespecWorld, image: string) {
  const fail = this.cluster.nodes.failImagePull;
  assert.ok(fail, 'the cluster cannot make pulls fail');
  fail.call(this.cluster.nodes, image);
});

Given('containers of image {string} exit with code {int} soon after they start', function (this: KubespecWorld, image: string, code: number) {
  const crash = this.cluster.nodes.crashContainer;
  assert.ok(crash, 'the cluster cannot make containers exit');
  crash.call(this.cluster.nodes, image, code);
});

Then('node {string} reports {string} CPU, {string} memory and {int} pods', async function (this: KubespecWorld, name: string, cpu: string, memory: string, pods: number) {
  const node = await getNode(this, name);
  assert.deepEqual(node.status?.capacity, { cpu, memory, pods: String(pods) });
});

Then('node {string} has a Lease in {string} held by {string} for {duration}', async function (this: KubespecWorld, name: string, namespace: string, holder: string, duration: number) {
  const lease = await this.client().get('leases', name, { namespace });
  const spec = lease.spec as { holderIdentity?: string; leaseDurationSeconds?: number; renewTime?: string };
  assert.deepEqual([spec.holderIdentity, spec.leaseDurationSeconds], [holder, duration / 1000]);
  assert.ok(spec.renewTime, `the Lease of node "${name}" has no renewTime`);
  this.notes.note('leaseRenewTime', spec.renewTime);
});

Then('the Lease of node {string} was renewed {duration} after the previous renewal', async function (this: KubespecWorld, name: string, ms: number) {
  const before = this.notes.recall('leaseRenewTime');
  const lease = await this.client().get('leases', name, { namespace: 'kube-node-lease' });
  const after = (lease.spec as { renewTime?: string }).renewTime ?? '';
  assert.equal(Date.parse(after) - Date.parse(before), ms, `renewed at ${after}, previously ${before}`);
});

Then('the kubelet of each node watches the pods bound to it through the api-server', async function (this: KubespecWorld) {
  for (const node of (await this.client().list('nodes')).items) {
    const user = `system:node:${node.metadata.name}`;
    const watches = storeLog(this).filter((e) => e.op === 'watch' && e.key.startsWith('/registry/pods/') && e.onBehalfOf === user);
    assert.ok(watches.length > 0, `the kubelet of ${node.metadata.name} never watched pods`);
    assert.ok(watches.every((e) => e.component === 'kube-apiserver'));
  }
});

Then('the kubelet of its node first wrote pod {string} after the binding was stored', async function (this: KubespecWorld, pod: string) {
  const node = (await this.client().get<PodObject>('pods', pod, ns)).spec.nodeName;
  const writes = storeLog(this).filter((e) => e.key === `/registry/pods/default/${pod}` && isWrite(e.op));
  const binding = writes.findIndex((e) => e.onBehalfOf === 'system:kube-scheduler');
  const kubelet = writes.findIndex((e) => e.onBehalfOf === `system:node:${node}`);
  assert.ok(binding >= 0 && kubelet > binding, `writes: ${writes.map((e) => e.onBehalfOf).join(', ')}`);
});

Then('the container {string} of pod {string} is waiting with reason {string}', async function (this: KubespecWorld, container: string, pod: string, reason: string) {
  await this.eventually(async () => assert.equal((await containerStatus(this, pod, container)).state.waiting?.reason, reason));
});

Then('the container {string} of pod {string} has restarted {int} time(s)', async function (this: KubespecWorld, container: string, pod: string, count: number) {
  await this.eventually(async () => assert.equal((await containerStatus(this, pod, container)).restartCount, count));
});

Then('the container {string} of pod {string} last terminated with exit code {int} and reason {string}', async function (this: KubespecWorld, container: string, pod: string, code: number, reason: string) {
  await this.eventually(async () => {
    const t = (await containerStatus(this, pod, container)).lastState?.terminated;
    assert.deepEqual([t?.exitCode, t?.reason], [code, reason]);
  });
});

Then('the container {string} of pod {string} terminated with exit code {int} and reason {string}', async function (this: KubespecWorld, container: string, pod: string, code: number, reason: string) {
  await this.eventually(async () => {
    const t = (await containerStatus(this, pod, container)).state.terminated;
    assert.deepEqual([t?.exitCode, t?.reason], [code, reason]);
  });
});

Then('pod {string} is in phase {string}', async function (this: KubespecWorld, pod: string, phase: string) {
  await this.eventually(async () => assert.equal((await this.client().get<PodObject>('pods', pod, ns)).status?.phase, phase));
});

Then('pod {string} reports its node\'s address as its host IP', async function (this: KubespecWorld, pod: string) {
  const p = await this.client().get<PodObject>('pods', pod, ns);
  const node = await getNode(this, p.spec.nodeName ?? '');
  assert.equal(p.status?.hostIP, node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address);
});

Then('the kubelet has pulled image {string} for pod {string} {int} time(s)', async function (this: KubespecWorld, image: string, pod: string, count: number) {
  await this.eventually(async () => {
    const pulls = (await eventsAbout(this, 'Pod', pod)).filter((e) => e.reason === 'Pulling' && e.message === `Pulling image "${image}"`);
    assert.equal(pulls.reduce((n, e) => n + (e.count ?? 1), 0), count);
  });
});

Then('the kubelet recorded {string} about pod {string}: {string}', async function (this: KubespecWorld, reason: string, pod: string, message: string) {
  await this.eventually(async () => {
    // `<its uid>` stands for the pod's uid, which the kubelet prints in some messages.
    if (message.includes('<its uid>')) message = message.replace('<its uid>', (await this.client().get('pods', pod, ns)).metadata.uid ?? '');
    const found = (await eventsAbout(this, 'Pod', pod)).filter((e: Event) => e.reason === reason && e.source?.component === 'kubelet');
    assert.ok(found.some((e) => e.message === message), `kubelet ${reason} events: ${found.map((e) => e.message).join(' | ') || 'none'}`);
  });
});

When('{string} deletes pod {string}', async function (this: KubespecWorld, user: string, pod: string) {
  await this.client(user).delete('pods', pod, ns);
});

Then('the last writes to pod {string} were its deletion mark on behalf of {string} and its removal by the kubelet of its node', async function (this: KubespecWorld, pod: string, user: string) {
  const node = this.notes.recall('itsNode');
  await this.eventually(async () => {
    const writes = storeLog(this).filter((e) => e.key === `/registry/pods/default/${pod}` && isWrite(e.op));
    assert.deepEqual(writes.slice(-2).map((e) => [e.op, e.onBehalfOf]), [['update', user], ['delete', `system:node:${node}`]]);
  });
});
