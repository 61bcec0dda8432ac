/**
 * Pods on nodes that fail, and the ReplicaSets that own them (C1, C6, C7,
 * C8): what became of each pod, who re-created it, and under which
 * identity the controllers wrote.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import { simplePod, storeLog } from '../support/cluster-reads.ts';
import type { KubespecWorld } from '../support/world.ts';

type PodObject = Pod & KubeObject;
const ns = { namespace: 'default' };

async function pods(world: KubespecWorld): Promise<PodObject[]> {
  return (await world.client().list<PodObject>('pods', ns)).items;
}

async function podsOf(world: KubespecWorld, rs: string): Promise<PodObject[]> {
  const owner = await world.client().get('replicasets', rs, ns);
  return (await pods(world)).filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid && r.kind === 'ReplicaSet'));
}

const running = (p: PodObject) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running' && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

Given('pod {string} runs on node {string}', async function (this: KubespecWorld, name: string, node: string) {
  const pod = simplePod(name, 'nginx:1.27');
  (pod.spec as Pod['spec']).nodeName = node;
  await this.client().create('pods', pod, ns);
  await this.eventually(async () => assert.equal((await this.client().get<PodObject>('pods', name, ns)).status?.phase, 'Running'));
});

Then('pod {string} is still running on node {string}', async function (this: KubespecWorld, name: string, node: string) {
  await this.eventually(async () => {
    const pod = await this.client().get<PodObject>('pods', name, ns);
    assert.equal(pod.spec.nodeName, node);
    assert.equal(pod.metadata.deletionTimestamp, undefined, `pod "${name}" is marked for deletion`);
    assert.equal(pod.status?.phase, 'Running');
  });
});

Then('pod {string} is marked for deletion by the taint manager', async function (this: KubespecWorld, name: string) {
  await this.eventually(async () => {
    const pod = await this.client().get<PodObject>('pods', name, ns);
    assert.ok(pod.metadata.deletionTimestamp, `pod "${name}" is not marked for deletion`);
    const target = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    assert.deepEqual([target?.status, target?.reason, target?.message], ['True', 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint']);
  });
});

Then('the Ready condition of pod {string} is {string}', async function (this: KubespecWorld, name: string, status: string) {
  await this.eventually(async () => {
    const pod = await this.client().get<PodObject>('pods', name, ns);
    assert.equal(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status, status);
  });
});

Then('the only pods left are those of replica set {string} and pod {string}', async function (this: KubespecWorld, rs: string, bare: string) {
  await this.eventually(async () => {
    const owned = new Set((await podsOf(this, rs)).map((p) => p.metadata.name));
    const others = (await pods(this)).map((p) => p.metadata.name).filter((n) => !owned.has(n) && n !== bare);
    assert.deepEqual(others, [], 'pods that belong to neither');
  });
});

Then('replica set {string} has {int} running pod(s)', async function (this: KubespecWorld, rs: string, count: number) {
  await this.eventually(async () => {
    const live = (await podsOf(this, rs)).filter(running);
    assert.equal(live.length, count, `running pods: ${live.map((p) => `${p.metadata.name}@${p.spec.nodeName}`).join(', ')}`);
    const status = (await this.client().get('replicasets', rs, ns)).status as { replicas?: number; readyReplicas?: number } | undefined;
    assert.deepEqual([status?.replicas, status?.readyReplicas], [count, count], 'the replica set status');
  });
});

Then('none of the running pods of replica set {string} is on node {string}', async function (this: KubespecWorld, rs: string, node: string) {
  await this.eventually(async () => {
    const there = (await podsOf(this, rs)).filter(running).filter((p) => p.spec.nodeName === node);
    assert.deepEqual(there.map((p) => p.metadata.name), []);
  });
});

Then('every pod of replica set {string} on node {string} is marked for deletion by the taint manager', async function (this: KubespecWorld, rs: string, node: string) {
  await this.eventually(async () => {
    const there = (await podsOf(this, rs)).filter((p) => p.spec.nodeName === node);
    assert.ok(there.length > 0, `replica set "${rs}" has no pod on node "${node}"`);
    for (const p of there) {
      assert.ok(p.metadata.deletionTimestamp, `pod "${p.metadata.name}" is not marked for deletion`);
      assert.ok(p.status?.conditions?.some((c) => c.type === 'DisruptionTarget' && c.reason === 'DeletionByTaintManager'), `pod "${p.metadata.name}" has no DisruptionTarget condition`);
    }
  });
});

Then('each pod of replica set {string} names it as its controlling owner', async function (this: KubespecWorld, rs: string) {
  const owner = await this.client().get('replicasets', rs, ns);
  const mine = (await pods(this)).filter((p) => p.metadata.name?.startsWith(`${rs}-`));
  assert.ok(mine.length > 0, `no pods named after replica set "${rs}"`);
  for (const p of mine) {
    assert.deepEqual(p.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  }
});

When('one pod of replica set {string} is deleted', async function (this: KubespecWorld, rs: string) {
  const victim = (await podsOf(this, rs)).find(running);
  assert.ok(victim, `replica set "${rs}" has no running pod`);
  const name = victim.metadata.name ?? '';
  this.notes.note('deletedPod', name);
  await this.client().delete('pods', name, ns);
});

Then('the deleted pod is gone and another pod took its place', async function (this: KubespecWorld) {
  const name = this.notes.recall('deletedPod');
  await this.eventually(async () => assert.ok(!(await pods(this)).some((p) => p.metadata.name === name), `pod "${name}" is still there`));
});

When('replica set {string} is scaled to {int}', async function (this: KubespecWorld, rs: string, replicas: number) {
  await this.client().patch('replicasets', rs, { spec: { replicas } }, { ...ns, type: 'merge' });
});

Then('the store shows these writes on behalf of {string}:', async function (this: KubespecWorld, user: string, table: { hashes(): Array<Record<string, string>> }) {
  await this.eventually(async () => {
    const writes = storeLog(this).filter((e) => e.onBehalfOf === user && (e.op === 'create' || e.op === 'update' || e.op === 'delete'));
    for (const row of table.hashes()) {
      const found = writes.filter((e) => e.op === row.write && e.key.startsWith(row['key starting with']!));
      assert.ok(found.length > 0, `no ${row.write} of ${row['key starting with']} on behalf of ${user}`);
      assert.ok(found.every((e) => e.component === 'kube-apiserver'), 'a write that did not go through the api-server');
    }
  });
});

Then('{string} read these through the api-server:', async function (this: KubespecWorld, user: string, table: { hashes(): Array<Record<string, string>> }) {
  const reads = storeLog(this).filter((e) => e.onBehalfOf === user && (e.op === 'range' || e.op === 'watch' || e.op === 'get'));
  for (const row of table.hashes()) {
    const found = reads.filter((e) => e.key.startsWith(row['key starting with']!));
    assert.ok(found.length > 0, `${user} never read ${row['key starting with']}`);
    assert.ok(found.every((e) => e.component === 'kube-apiserver'));
  }
});

Then('the events of {string}, {string} and {string} were all written on behalf of {string}', async function (this: KubespecWorld, a: string, b: string, c: string, user: string) {
  const events = (await this.client().list('events', ns)).items;
  const log = storeLog(this);
  for (const component of [a, b, c]) {
    const mine = events.filter((e) => (e.source as { component?: string } | undefined)?.component === component);
    assert.ok(mine.length > 0, `no events from ${component}`);
    for (const e of mine) {
      const created = log.find((x) => x.op === 'create' && x.key === `/registry/events/default/${e.metadata.name}`);
      assert.equal(created?.onBehalfOf, user, `event ${e.metadata.name} from ${component}`);
    }
  }
});
