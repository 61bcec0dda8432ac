/**
 * ReplicaSets and the pods they own (C1, C6, C7, C8): how many run and
 * where, which were evicted, who re-created them, and under which identity
 * the controllers wrote.
 */
import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { conditionOf, listPods, recorderOf, storeLog, type PodObject } from '../support/cluster-reads.ts';
import type { KubespecWorld } from '../support/world.ts';

type ReplicaSetObject = KubeObject & { status?: { replicas?: number; readyReplicas?: number } };
const ns = { namespace: 'default' };

const getReplicaSet = (world: KubespecWorld, name: string) => world.client().get<ReplicaSetObject>('replicasets', name, ns);

async function podsOf(world: KubespecWorld, rs: string): Promise<PodObject[]> {
  const owner = await getReplicaSet(world, rs);
  return (await listPods(world)).filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid && r.kind === 'ReplicaSet'));
}

const running = (p: PodObject) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running' && conditionOf(p, 'Ready')?.status === 'True';

/** Deletes a running pod of the replica set, gracefully or (grace period 0) at once, and notes which. */
async function deleteOnePodOf(w: KubespecWorld, rs: string, gracePeriodSeconds?: number): Promise<void> {
  const victim = (await podsOf(w, rs)).find(running);
  assert.ok(victim, `replica set "${rs}" has no running pod`);
  const name = victim.metadata.name ?? '';
  w.notes.note('deletedPod', name);
  await w.send(() => w.client().delete('pods', name, { ...ns, ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}) }));
}

When('the administrator deletes one pod of replica set {string}', async function (this: KubespecWorld, rs: string) {
  await deleteOnePodOf(this, rs);
});

When('the administrator deletes one pod of replica set {string} with no grace period', async function (this: KubespecWorld, rs: string) {
  await deleteOnePodOf(this, rs, 0);
});

When('the administrator scales replica set {string} to {int}', async function (this: KubespecWorld, rs: string, replicas: number) {
  await this.send(() => this.client().patch('replicasets', rs, { spec: { replicas } }, { ...ns, type: 'merge' }));
});

Then('replica set {string} has {int} running pod(s)', async function (this: KubespecWorld, rs: string, count: number) {
  await this.eventually(async () => {
    const live = (await podsOf(this, rs)).filter(running);
    assert.equal(live.length, count, `running pods: ${live.map((p) => `${p.metadata.name}@${p.spec.nodeName}`).join(', ')}`);
    const status = (await getReplicaSet(this, rs)).status;
    assert.deepEqual([status?.replicas, status?.readyReplicas], [count, count], 'the replica set status');
  });
});

Then('each pod of replica set {string} names it as its controlling owner', async function (this: KubespecWorld, rs: string) {
  await this.eventually(async () => {
    const owner = await getReplicaSet(this, rs);
    const mine = (await listPods(this)).filter((p) => p.metadata.name?.startsWith(`${rs}-`));
    assert.ok(mine.length > 0, `no pods named after replica set "${rs}"`);
    for (const p of mine) {
      assert.deepEqual(p.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
  });
});

Then('the deleted pod is gone and another pod took its place', async function (this: KubespecWorld) {
  const name = this.notes.recall('deletedPod');
  await this.eventually(async () => assert.ok(!(await listPods(this)).some((p) => p.metadata.name === name), `pod "${name}" is still there`));
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
      assert.equal(conditionOf(p, 'DisruptionTarget')?.reason, 'DeletionByTaintManager', `pod "${p.metadata.name}" has no DisruptionTarget condition`);
    }
  });
});

Then('the only pods left are those of replica set {string} and pod {string}', async function (this: KubespecWorld, rs: string, bare: string) {
  await this.eventually(async () => {
    const owned = new Set((await podsOf(this, rs)).map((p) => p.metadata.name));
    const others = (await listPods(this)).map((p) => p.metadata.name).filter((n) => !owned.has(n) && n !== bare);
    assert.deepEqual(others, [], 'pods that belong to neither');
  });
});

/** Each Event's creation in the store log names whom the api-server wrote it for. */
Then('the events of {names} were all written on behalf of {string}', async function (this: KubespecWorld, components: string[], user: string) {
  await this.eventually(async () => {
    const events = (await this.client().list<KubeObject & { source?: { component?: string } }>('events', ns)).items;
    const log = storeLog(this);
    for (const component of components) {
      const mine = events.filter((e) => recorderOf(e) === component);
      assert.ok(mine.length > 0, `no events from ${component}`);
      for (const e of mine) {
        const created = log.find((x) => x.op === 'create' && x.key === `/registry/events/default/${e.metadata.name}`);
        assert.equal(created?.onBehalfOf, user, `event ${e.metadata.name} from ${component}`);
      }
    }
  });
});
