/**
 * Deployments (C1, C7, C8): the ReplicaSets the deployment controller makes
 * for them, the pods those run, how a rollout moves from one to the other,
 * and what the Deployment reports, all read through the API.
 */
import { Then, When } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { WatchEvent } from '../../spec/adapter.ts';
import type { DeploymentCondition } from '../../spec/objects/deployment.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Actor } from '../support/actors.ts';
import { conditionOf, type PodObject } from '../support/cluster-reads.ts';
import { HASH_LABEL, imagesOf, livePodsOf, replicaSetsOf, revisionOf, rolloutUndo, type DeploymentObject, type ReplicaSetObject } from '../support/deployment-reads.ts';
import { podStates, watchPods } from '../support/pod-watch.ts';
import type { RolloutObservation } from '../support/scratchpad.ts';
import type { KubespecWorld } from '../support/world.ts';

const ns = { namespace: 'default' };
const getDeployment = (w: KubespecWorld, name: string) => w.client().get<DeploymentObject>('deployments', name, ns);
const isRunningReady = (p: PodObject) => p.status?.phase === 'Running' && conditionOf(p, 'Ready')?.status === 'True';

/** The newest ReplicaSet's name stands for `<new replica set>` in an expected message. */
async function fillInNewReplicaSet(w: KubespecWorld, d: DeploymentObject, text: string): Promise<string> {
  if (!text.includes('<new replica set>')) return text;
  const newest = (await replicaSetsOf(w.client(), d)).at(-1);
  assert.ok(newest, `deployment "${d.metadata.name}" has no replica set`);
  return text.replace(/<new replica set>/g, newest.metadata.name ?? '');
}

/** What `kubectl set image deployment/<name> <container>=<image>` sends: a strategic merge patch of one container. */
When('{actor} sets the image of container {string} in deployment {string} to {string}', async function (this: KubespecWorld, actor: Actor, container: string, name: string, image: string) {
  const patch = { spec: { template: { spec: { containers: [{ name: container, image }] } } } };
  await this.send(() => this.client(actor).patch('deployments', name, patch, { ...ns, type: 'strategic' }));
});

/** What `kubectl scale deployment <name> --replicas=N` sends: a merge patch of the Scale. */
When('{actor} scales deployment {string} to {int} through its scale subresource', async function (this: KubespecWorld, actor: Actor, name: string, replicas: number) {
  await this.send(() => this.client(actor).patch('deployments', name, { spec: { replicas } }, { ...ns, subresource: 'scale', type: 'merge' }));
});

When('{actor} rolls deployment {string} back to its previous revision', async function (this: KubespecWorld, actor: Actor, name: string) {
  await this.send(() => rolloutUndo(this.client(actor), name));
});

/** Lets virtual time pass a step at a time, noting after each settle what the rollout looks like, until it is complete. */
When('the rollout of deployment {string} runs to completion, observed every {duration}', async function (this: KubespecWorld, name: string, step: number) {
  const observations: RolloutObservation[] = [];
  this.notes.note('rollout', observations);
  const observe = async () => {
    const d = await getDeployment(this, name);
    const rss = await replicaSetsOf(this.client(), d);
    const pods = await livePodsOf(this.client(), rss);
    const images: Record<string, number> = {};
    for (const p of pods) images[imagesOf(p)] = (images[imagesOf(p)] ?? 0) + 1;
    const available = rss.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
    observations.push({ at: this.cluster.clock.now(), pods: pods.length, available, images });
    const s = d.status;
    const replicas = d.spec.replicas ?? 1;
    return (s?.observedGeneration ?? 0) >= (d.metadata.generation ?? 1) && s?.updatedReplicas === replicas && s?.replicas === replicas && s?.availableReplicas === replicas;
  };
  await this.cluster.settle();
  for (let i = 0; !(await observe()); i++) {
    assert.ok(i < 600, `the rollout of deployment "${name}" did not complete in 600 steps: ${JSON.stringify(observations.at(-1))}`);
    await this.passTime(step);
  }
});

Then('at every observation deployment {string} had at most {int} pods and at least {int} of them available', function (this: KubespecWorld, _name: string, most: number, least: number) {
  const seen = this.notes.recall('rollout');
  const table = seen.map((o) => `${o.at / 1000}s: ${o.pods} pods, ${o.available} available, ${JSON.stringify(o.images)}`).join('\n');
  for (const o of seen) {
    assert.ok(o.pods <= most, `${o.pods} pods at ${o.at / 1000}s:\n${table}`);
    assert.ok(o.available >= least, `${o.available} available at ${o.at / 1000}s:\n${table}`);
  }
});

Then('the rollout went through at least {int} observations with pods of both images', function (this: KubespecWorld, count: number) {
  const mixed = this.notes.recall('rollout').filter((o) => Object.keys(o.images).length > 1);
  assert.ok(mixed.length >= count, `only ${mixed.length} observations had old and new pods together`);
});

Then('deployment {string} has {int} running pod(s) of image {string}', async function (this: KubespecWorld, name: string, count: number, image: string) {
  await this.eventually(async () => {
    const d = await getDeployment(this, name);
    const pods = await livePodsOf(this.client(), await replicaSetsOf(this.client(), d));
    const summary = pods.map((p) => `${p.metadata.name} ${imagesOf(p)} ${p.status?.phase}`).join(', ');
    assert.equal(pods.length, count, `live pods: ${summary}`);
    assert.ok(pods.every((p) => imagesOf(p) === image && isRunningReady(p)), `live pods: ${summary}`);
  });
});

/**
 * Each ReplicaSet of the Deployment, by revision: its template's image and
 * size, and that it is the Deployment's own (controller ownerReference),
 * named `<deployment>-<pod-template-hash>` with that hash in its selector,
 * its labels and its pods' labels. Columns besides image, replicas and
 * revision name annotations (desired-replicas, max-replicas,
 * revision-history), checked where the table gives them.
 */
Then('the replica sets of deployment {string} are:', async function (this: KubespecWorld, name: string, table: DataTable) {
  await this.eventually(async () => {
    const d = await getDeployment(this, name);
    const rss = await replicaSetsOf(this.client(), d);
    const rows = table.hashes();
    const columns = Object.keys(rows[0] ?? {});
    const actual = rss.map((rs) => describeReplicaSet(rs, columns));
    assert.deepEqual(actual, rows);
    for (const rs of rss) checkOwnership(rs, d);
  });
});

function describeReplicaSet(rs: ReplicaSetObject, columns: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of columns) {
    if (c === 'image') out[c] = imagesOf(rs);
    else if (c === 'replicas') out[c] = String(rs.spec.replicas ?? 1);
    else if (c === 'revision') out[c] = String(revisionOf(rs));
    else out[c] = rs.metadata.annotations?.[`deployment.kubernetes.io/${c}`] ?? '';
  }
  return out;
}

function checkOwnership(rs: ReplicaSetObject, d: DeploymentObject): void {
  const hash = rs.metadata.labels?.[HASH_LABEL];
  assert.ok(hash, `replica set ${rs.metadata.name} has no ${HASH_LABEL} label`);
  assert.equal(rs.metadata.name, `${d.metadata.name}-${hash}`);
  assert.equal(rs.spec.selector.matchLabels?.[HASH_LABEL], hash, `the selector of ${rs.metadata.name}`);
  assert.equal(rs.spec.template.metadata?.labels?.[HASH_LABEL], hash, `the pod labels of ${rs.metadata.name}`);
  assert.deepEqual(rs.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
}

Then('deployment {string} reports {int} replicas, {int} updated, {int} ready and {int} available, for its latest generation', async function (this: KubespecWorld, name: string, replicas: number, updated: number, ready: number, available: number) {
  await this.eventually(async () => {
    const d = await getDeployment(this, name);
    const s = d.status ?? {};
    assert.deepEqual([s.replicas, s.updatedReplicas, s.readyReplicas, s.availableReplicas], [replicas, updated, ready, available], JSON.stringify(s));
    assert.equal(s.observedGeneration, d.metadata.generation, 'observedGeneration');
  });
});

/** `<new replica set>` in the message stands for the name of the ReplicaSet of the latest revision. */
Then('deployment {string} has condition {word} {string} with reason {string} and message {string}', async function (this: KubespecWorld, name: string, type: string, status: string, reason: string, message: string) {
  await this.eventually(async () => {
    const d = await getDeployment(this, name);
    const c = d.status?.conditions?.find((x: DeploymentCondition) => x.type === type);
    assert.deepEqual([c?.status, c?.reason, c?.message], [status, reason, await fillInNewReplicaSet(this, d, message)], JSON.stringify(d.status?.conditions));
  });
});

Then('deployment {string} is at revision {string}', async function (this: KubespecWorld, name: string, revision: string) {
  await this.eventually(async () => assert.equal((await getDeployment(this, name)).metadata.annotations?.['deployment.kubernetes.io/revision'], revision));
});

Then('the scale of deployment {string} wants {int} replicas, counts {int} and selects {string}', async function (this: KubespecWorld, name: string, wanted: number, counted: number, selector: string) {
  await this.eventually(async () => {
    const scale = await this.client().get<KubeObject & { spec: { replicas: number }; status: { replicas: number; selector: string } }>('deployments', name, { ...ns, subresource: 'scale' });
    assert.deepEqual([scale.apiVersion, scale.kind], ['autoscaling/v1', 'Scale']);
    assert.deepEqual([scale.spec.replicas, scale.status.replicas, scale.status.selector], [wanted, counted, selector]);
  });
});

When('the pods are watched from now on', async function (this: KubespecWorld) {
  await watchPods(this);
});

/**
 * The rolling-update bounds as any client watching the pods sees them, on
 * real time as well as virtual: after every change, at most `most` pods
 * not being deleted, at least `least` of them ready (a pod counts as
 * available only once ready, so this is no stronger than the promise), and
 * at some moment pods of both images at once (a rollout, not a recreate).
 */
Then('as the watch saw them, the pods never numbered more than {int} nor fewer than {int} ready, and pods of {string} and {string} ran side by side', async function (this: KubespecWorld, most: number, least: number, old: string, next: string) {
  const { events, handle } = this.notes.recall('watch');
  await this.cluster.settle();
  handle.stop();
  const live = (p: PodObject) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
  let sideBySide = false;
  for (const { after, pods } of podStates(this.notes.recall('watchedFrom') as PodObject[], events)) {
    const running = pods.filter(live);
    const ready = running.filter((p) => conditionOf(p, 'Ready')?.status === 'True');
    assert.ok(running.length <= most, `${running.length} pods after ${after}`);
    assert.ok(ready.length >= least, `${ready.length} ready after ${after}`);
    const images = new Set(ready.map(imagesOf));
    sideBySide ||= images.has(old) && images.has(next);
  }
  assert.ok(sideBySide, `pods of ${old} and ${next} were never ready at the same moment`);
});

/** From the watch: the last old pod's removal came before the first new pod's creation. */
Then('every pod of image {string} was gone before the first pod of image {string} was created', async function (this: KubespecWorld, old: string, next: string) {
  const { events, handle } = this.notes.recall('watch');
  await this.eventually(async () => {
    const image = (e: WatchEvent) => imagesOf(e.object as PodObject);
    const lastOldGone = events.map((e) => e.type === 'DELETED' && image(e) === old).lastIndexOf(true);
    const firstNew = events.findIndex((e) => e.type === 'ADDED' && image(e) === next);
    assert.ok(lastOldGone >= 0, `no pod of image ${old} was deleted`);
    assert.ok(firstNew >= 0, `no pod of image ${next} was created`);
    const story = events.map((e) => `${e.type} ${e.object.metadata.name} ${image(e)}`).join('\n');
    assert.ok(lastOldGone < firstNew, `a pod of ${next} was created before every pod of ${old} was gone:\n${story}`);
  });
  handle.stop();
});
