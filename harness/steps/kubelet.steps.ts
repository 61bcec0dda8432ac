/**
 * The kubelet as a client sees it (K1-K4, A2 steps 3-5): the Node and Lease
 * it keeps fresh, the container statuses it reports, the pulls it makes,
 * and the writes it makes to the store, after the binding and for its own
 * node only.
 */
import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { ContainerStatus } from '../../spec/objects/pod.ts';
import { eventsAbout, getNode, getPod, listNodes, podKey, storeLog, storeWrites } from '../support/cluster-reads.ts';
import { REAL_TIME_SLACK_MS, until } from '../support/windows.ts';
import type { KubespecWorld } from '../support/world.ts';

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  renewTime?: string;
}

async function containerStatus(world: KubespecWorld, pod: string, container: string): Promise<ContainerStatus> {
  const s = (await getPod(world, pod)).status?.containerStatuses?.find((c) => c.name === container);
  assert.ok(s, `pod "${pod}" reports no container "${container}"`);
  return s;
}

async function leaseOf(world: KubespecWorld, node: string, namespace = 'kube-node-lease'): Promise<LeaseSpec> {
  return (await world.client().get<{ spec?: LeaseSpec } & KubeObject>('leases', node, { namespace })).spec ?? {};
}

/** The three resources the scenario names; a kubelet also reports others it finds (ephemeral-storage, hugepages-*). */
Then('node {string} reports {string} CPU, {string} memory and {int} pods', async function (this: KubespecWorld, name: string, cpu: string, memory: string, pods: number) {
  await this.eventually(async () => {
    const capacity = (await getNode(this, name)).status?.capacity ?? {};
    assert.deepEqual({ cpu: capacity.cpu, memory: capacity.memory, pods: capacity.pods }, { cpu, memory, pods: String(pods) });
  });
});

/** Notes the Lease's renewTime, for the step that checks the next renewal. */
Then('node {string} has a Lease in {string} held by {string} for {duration}', async function (this: KubespecWorld, name: string, namespace: string, holder: string, duration: number) {
  await this.eventually(async () => {
    const spec = await leaseOf(this, name, namespace);
    assert.deepEqual([spec.holderIdentity, spec.leaseDurationSeconds], [holder, duration / 1000]);
    assert.ok(spec.renewTime, `the Lease of node "${name}" has no renewTime`);
    this.notes.note('leaseRenewTime', spec.renewTime);
  });
});

/**
 * Exactly on a virtual clock; on a real one not sooner (to the millisecond renewTime is read
 * at), and no more than the slack later (windows.ts).
 */
Then('the Lease of node {string} was renewed {duration} after the previous renewal', async function (this: KubespecWorld, name: string, ms: number) {
  const before = this.notes.recall('leaseRenewTime');
  const slack = this.cluster.clock.advance ? 0 : REAL_TIME_SLACK_MS;
  await this.eventually(async () => {
    const after = (await leaseOf(this, name)).renewTime ?? '';
    const apart = Date.parse(after) - Date.parse(before);
    assert.ok(apart >= ms - (slack ? 1 : 0) && apart <= ms + slack, `renewed at ${after}, previously ${before}: ${apart} ms apart, not ${ms} ms${slack ? ` to ${ms + slack} ms` : ''}`);
  });
});

Then('the kubelet of each node watches the pods bound to it through the api-server', async function (this: KubespecWorld) {
  await this.eventually(async () => {
    for (const node of await listNodes(this)) {
      const user = `system:node:${node.metadata.name}`;
      const watches = storeLog(this).filter((e) => e.op === 'watch' && e.key.startsWith('/registry/pods/') && e.onBehalfOf === user);
      assert.ok(watches.length > 0, `the kubelet of ${node.metadata.name} never watched pods`);
      assert.ok(watches.every((e) => e.component === 'kube-apiserver'));
    }
  });
});

Then('the kubelet of its node first wrote pod {string} after the binding was stored', async function (this: KubespecWorld, pod: string) {
  await this.eventually(async () => {
    const node = (await getPod(this, pod)).spec.nodeName;
    const writes = storeWrites(this, podKey(pod));
    const binding = writes.findIndex((e) => e.onBehalfOf === 'system:kube-scheduler');
    const kubelet = writes.findIndex((e) => e.onBehalfOf === `system:node:${node}`);
    assert.ok(binding >= 0 && kubelet > binding, `writes: ${writes.map((e) => e.onBehalfOf).join(', ')}`);
  });
});

Then('the last writes to pod {string} were its deletion mark on behalf of {string} and its removal by the kubelet of its node', async function (this: KubespecWorld, pod: string, user: string) {
  const node = this.notes.recall('itsNode');
  await this.eventually(async () => {
    assert.deepEqual(storeWrites(this, podKey(pod)).slice(-2).map((e) => [e.op, e.onBehalfOf]), [['update', user], ['delete', `system:node:${node}`]]);
  });
});

Then('the container {string} of pod {string} is running image {string}', async function (this: KubespecWorld, container: string, pod: string, image: string) {
  await this.eventually(async () => {
    const status = await containerStatus(this, pod, container);
    assert.ok(status.state.running, `container "${container}" is not running: ${JSON.stringify(status.state)}`);
    assert.ok(status.image.endsWith(image), `container "${container}" runs ${status.image}, not ${image}`);
  });
});

Then('the container {string} of pod {string} is waiting with reason {string}', async function (this: KubespecWorld, container: string, pod: string, reason: string) {
  await this.eventually(async () => assert.equal((await containerStatus(this, pod, container)).state.waiting?.reason, reason));
});

Then('the container {string} of pod {string} has restarted {int} time(s)', async function (this: KubespecWorld, container: string, pod: string, count: number) {
  await this.eventually(async () => assert.equal((await containerStatus(this, pod, container)).restartCount, count));
});

/** Lets time pass until the container has ended, however long its runtime takes (windows.ts). */
When('the container {string} of pod {string} has ended', async function (this: KubespecWorld, container: string, pod: string) {
  await until(this, `the end of container "${container}" of pod "${pod}"`, async () => (await getPod(this, pod)).status?.containerStatuses?.some((c) => c.name === container && c.state.terminated) ?? false);
});

Then('the container {string} of pod {string} terminated with exit code {int} and reason {string}', async function (this: KubespecWorld, container: string, pod: string, code: number, reason: string) {
  await this.eventually(async () => {
    const t = (await containerStatus(this, pod, container)).state.terminated;
    assert.deepEqual([t?.exitCode, t?.reason], [code, reason]);
  });
});

Then('the container {string} of pod {string} last terminated with exit code {int} and reason {string}', async function (this: KubespecWorld, container: string, pod: string, code: number, reason: string) {
  await this.eventually(async () => {
    const t = (await containerStatus(this, pod, container)).lastState?.terminated;
    assert.deepEqual([t?.exitCode, t?.reason], [code, reason]);
  });
});

Then('the kubelet has pulled image {string} for pod {string} {int} time(s)', async function (this: KubespecWorld, image: string, pod: string, count: number) {
  await this.eventually(async () => {
    const pulls = (await eventsAbout(this, 'Pod', pod)).filter((e) => e.reason === 'Pulling' && e.message === `Pulling image "${image}"`);
    assert.equal(pulls.reduce((n, e) => n + (e.count ?? 1), 0), count);
  });
});
