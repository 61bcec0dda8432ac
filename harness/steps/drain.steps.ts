/**
 * Nodes the way operators take them out of service (C1, C7): cordon and
 * uncordon, a drain that evicts through the Eviction subresource, the
 * disruption budgets that hold it back, and what the pods' budget counts.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { PodDisruptionBudget } from '../../spec/objects/poddisruptionbudget.ts';
import type { Actor } from '../support/actors.ts';
import { conditionOf, findTaint, getNode, type PodObject } from '../support/cluster-reads.ts';
import { drainNode } from '../support/drain.ts';
import { podStates, watchPods } from '../support/pod-watch.ts';
import type { KubespecWorld } from '../support/world.ts';

type BudgetObject = PodDisruptionBudget & KubeObject;
const ns = { namespace: 'default' };
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' as const };

const eviction = (name: string) => ({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } }) as KubeObject;
const evict = (world: KubespecWorld, actor: Actor, pod: string) => () => world.client(actor).create('pods', eviction(pod), { ...ns, name: pod, subresource: 'eviction' });
const getBudget = (world: KubespecWorld, name: string) => world.client().get<BudgetObject>('poddisruptionbudgets', name, ns);

/** As `kubectl uncordon`: the field goes (a patch with null), the node takes pods again. */
When('the administrator uncordons node {string}', async function (this: KubespecWorld, node: string) {
  await this.send(() => this.client().patch('nodes', node, { spec: { unschedulable: null } }));
});

/** As `kubectl drain NODE --ignore-daemonsets --delete-emptydir-data` (harness/support/drain.ts); notes what it did. */
When('the administrator drains node {string}', async function (this: KubespecWorld, node: string) {
  this.notes.note('drain', await drainNode(this.client(), node, (ms) => this.passTime(ms)));
});

When('{actor} evicts pod {string}', async function (this: KubespecWorld, actor: Actor, pod: string) {
  await this.send(evict(this, actor, pod));
});

When('{actor} tries to evict pod {string}', async function (this: KubespecWorld, actor: Actor, pod: string) {
  await this.attempt(evict(this, actor, pod));
});

/** Lists first, then watches from that list's version, so the whole story of the pods is kept. */
Given('the pods labelled {string} are watched', async function (this: KubespecWorld, labelSelector: string) {
  await watchPods(this, labelSelector);
});

Then('node {string} is cordoned: unschedulable, and tainted {string}', async function (this: KubespecWorld, node: string, taint: string) {
  assert.equal(taint, `${UNSCHEDULABLE_TAINT.key}:${UNSCHEDULABLE_TAINT.effect}`, 'the node lifecycle controller taints a cordoned node with this taint only');
  await this.eventually(async () => {
    const n = await getNode(this, node);
    assert.equal(n.spec?.unschedulable, true, `node "${node}" is not unschedulable`);
    assert.ok(findTaint(n, UNSCHEDULABLE_TAINT), `node "${node}" lacks the taint ${taint}`);
  });
});

Then('node {string} is schedulable and no longer tainted {string}', async function (this: KubespecWorld, node: string, taint: string) {
  await this.eventually(async () => {
    const n = await getNode(this, node);
    assert.ok(!n.spec?.unschedulable, `node "${node}" is still unschedulable`);
    assert.ok(!(n.spec?.taints ?? []).some((t) => `${t.key}:${t.effect}` === taint), `node "${node}" still has the taint ${taint}`);
  });
});

Then('node {string} runs no pods', async function (this: KubespecWorld, node: string) {
  await this.eventually(async () => {
    const left = (await this.client().list<PodObject>('pods', { fieldSelector: `spec.nodeName=${node}` })).items;
    assert.deepEqual(left.map((p) => `${p.metadata.namespace}/${p.metadata.name}`), []);
  });
});

Then('the drain evicted {int} pod(s)', function (this: KubespecWorld, count: number) {
  assert.equal(this.notes.recall('drain').evicted.length, count, this.notes.recall('drain').evicted.join(', '));
});

Then('the drain was never held back', function (this: KubespecWorld) {
  assert.deepEqual(this.notes.recall('drain').heldBack, []);
});

Then('the drain was held back, at least once, with {string}', function (this: KubespecWorld, why: string) {
  const { heldBack } = this.notes.recall('drain');
  assert.ok(heldBack.some((h) => h === why), `the drain was held back with: ${heldBack.join(' | ') || 'nothing'}`);
});

/** Replays the watched pods' story: at no moment were fewer of them Ready and not being deleted. */
Then('at no moment were fewer than {int} of the watched pods ready', async function (this: KubespecWorld, least: number) {
  const { events, handle } = this.notes.recall('watch');
  await this.cluster.settle();
  handle.stop();
  const ready = (p: PodObject) => !p.metadata.deletionTimestamp && conditionOf(p, 'Ready')?.status === 'True';
  for (const { after, pods } of podStates(this.notes.recall('watchedFrom') as PodObject[], events)) {
    const count = pods.filter(ready).length;
    assert.ok(count >= least, `${count} ready after ${after}`);
  }
});

/** From the watched pods' story: the pod was marked (deletionTimestamp, DisruptionTarget by the eviction API), then deleted. */
Then('the watched pod {string} was marked for deletion by the eviction API before it went', async function (this: KubespecWorld, name: string) {
  const { events, handle } = this.notes.recall('watch');
  await this.eventually(async () => {
    const story = events.filter((e) => e.object.metadata.name === name);
    const marked = story.findIndex((e) => {
      const target = conditionOf(e.object as PodObject, 'DisruptionTarget');
      return e.object.metadata.deletionTimestamp && target?.status === 'True' && target.reason === 'EvictionByEvictionAPI' && target.message === 'Eviction API: evicting';
    });
    assert.ok(marked >= 0, `pod "${name}" was never seen marked by the eviction API: ${story.map((e) => e.type).join(', ')}`);
    assert.equal(story.at(-1)?.type, 'DELETED', `pod "${name}" was not deleted after it was marked`);
  });
  handle.stop();
});

/** The Status cause a refusal carries (Kubernetes' JSON names its type `reason`). */
Then('the refusal gives the cause {string}: {string}', function (this: KubespecWorld, type: string, message: string) {
  assert.ok(this.lastError, 'the request was not refused');
  const causes = (this.lastError.status.details?.causes ?? []).map((c) => ({ type: c.type ?? (c as { reason?: string }).reason, message: c.message }));
  assert.ok(causes.some((c) => c.type === type && c.message === message), `causes: ${JSON.stringify(causes)}`);
});

/** Rows of field and value: the counts in the budget's status, and its DisruptionAllowed condition as `status/reason`. */
Then('pod disruption budget {string} counts:', async function (this: KubespecWorld, name: string, table: DataTable) {
  await this.eventually(async () => {
    const status = (await getBudget(this, name)).status ?? {};
    const condition = status.conditions?.find((c) => c.type === 'DisruptionAllowed');
    const actual: Record<string, string> = { ...Object.fromEntries(Object.entries(status).map(([k, v]) => [k, String(v)])), DisruptionAllowed: `${condition?.status}/${condition?.reason}` };
    for (const { field, value } of table.hashes()) assert.equal(actual[field!], value, `${field}: ${JSON.stringify(status)}`);
  });
});
