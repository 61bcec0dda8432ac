/**
 * The scheduler's decisions as a client sees them (S1-S4): where pods were
 * bound, what it reported when no node fitted, what it wrote, and (where
 * the adapter records them) its explanations; and the administrator's
 * actions that change what it may choose.
 */
import { Then, When } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { EXPLANATION_ANNOTATION, type Explanation } from '../../reference/scheduler/explanation.ts';
import { conditionOf, getNode, getPod, parseTaint, podKey, storeWrites } from '../support/cluster-reads.ts';
import type { KubespecWorld } from '../support/world.ts';

When('the administrator cordons node {string}', async function (this: KubespecWorld, node: string) {
  await this.send(() => this.client().patch('nodes', node, { spec: { unschedulable: true } }));
});

When('the administrator taints node {string} with {string}', async function (this: KubespecWorld, node: string, taint: string) {
  const current = await getNode(this, node);
  await this.send(() => this.client().patch('nodes', node, { spec: { taints: [...(current.spec?.taints ?? []), parseTaint(taint)] } }, { type: 'merge' }));
});

/** `kubectl label nodes worker-1 disk=ssd`: a merge patch of the node's labels. */
When('the administrator labels node {string} with {string}', async function (this: KubespecWorld, node: string, label: string) {
  const [key, value] = label.split('=') as [string, string];
  await this.send(() => this.client().patch('nodes', node, { metadata: { labels: { [key]: value } } }, { type: 'merge' }));
});

/** Notes the node chosen each time. */
When('a pod like this is created and deleted {int} times:', async function (this: KubespecWorld, times: number, yaml: string) {
  const chosen: string[] = [];
  for (let i = 0; i < times; i++) {
    const pod = await this.client().create('pods', this.manifest(yaml), { namespace: 'default' });
    const name = pod.metadata.name ?? '';
    await this.eventually(async () => {
      const node = (await getPod(this, name)).spec.nodeName;
      assert.ok(node, `pod "${name}" has no node yet`);
      chosen.push(node);
    });
    await this.client().delete('pods', name, { namespace: 'default', gracePeriodSeconds: 0 });
    await this.cluster.settle();
  }
  this.notes.note('chosenNodes', chosen);
});

Then('pod {string} is bound to {string}', async function (this: KubespecWorld, name: string, node: string) {
  await this.eventually(async () => {
    const pod = await getPod(this, name);
    assert.equal(pod.spec.nodeName, node, `pod "${name}" is on ${pod.spec.nodeName ?? 'no node'}`);
  });
});

Then('every placement went to one of {names}', function (this: KubespecWorld, nodes: string[]) {
  const chosen = this.notes.recall('chosenNodes');
  assert.ok(chosen.length, 'no pods were placed');
  const elsewhere = chosen.filter((n) => !nodes.includes(n));
  assert.deepEqual(elsewhere, [], `placements went to other nodes: ${chosen.join(', ')}`);
});

Then('pod {string} is not scheduled, with condition PodScheduled {string} and reason {string}', async function (this: KubespecWorld, name: string, status: string, reason: string) {
  await this.eventually(async () => {
    const pod = await getPod(this, name);
    assert.equal(pod.spec.nodeName, undefined, `pod "${name}" was bound to ${pod.spec.nodeName}`);
    const condition = conditionOf(pod, 'PodScheduled');
    assert.deepEqual({ status: condition?.status, reason: condition?.reason }, { status, reason });
  });
});

Then("the scheduler's only writes to the store were the binding of pod {string} and events about it", async function (this: KubespecWorld, name: string) {
  await this.eventually(async () => {
    const writes = storeWrites(this).filter((e) => e.onBehalfOf === 'system:kube-scheduler');
    const podWrites = writes.filter((e) => e.key === podKey(name));
    const eventWrites = writes.filter((e) => e.key.startsWith(`/registry/events/default/${name}.`));
    assert.deepEqual(podWrites.map((e) => e.op), ['update'], 'one write to the pod: the api-server storing its binding');
    assert.deepEqual(writes.filter((e) => !podWrites.includes(e) && !eventWrites.includes(e)).map((e) => `${e.op} ${e.key}`), [], 'nothing else');
  });
});

async function explanation(world: KubespecWorld, name: string): Promise<Explanation> {
  const text = (await getPod(world, name)).metadata.annotations?.[EXPLANATION_ANNOTATION];
  assert.ok(text, `pod "${name}" carries no ${EXPLANATION_ANNOTATION} annotation`);
  return JSON.parse(text) as Explanation;
}

/** One row per node; a column per scoring plugin named in the header, then the total. */
Then("the scheduler's explanation for pod {string} is:", async function (this: KubespecWorld, name: string, table: DataTable) {
  await this.eventually(async () => {
    const { nodes } = await explanation(this, name);
    const plugins = table.raw()[0]!.filter((h) => !['node', 'fits', 'reasons', 'total'].includes(h));
    const actual = nodes.map((n) => ({
      node: n.name,
      fits: n.feasible ? 'yes' : 'no',
      reasons: n.reasons.join('; '),
      ...Object.fromEntries(plugins.map((p) => [p, n.scores[p] === undefined ? '' : String(n.scores[p])])),
      total: n.total === null ? '' : String(n.total),
    }));
    assert.deepEqual(actual, table.hashes());
  });
});

Then("the scheduler's explanation for pod {string} names {string} as chosen", async function (this: KubespecWorld, name: string, node: string) {
  await this.eventually(async () => assert.equal((await explanation(this, name)).selected, node));
});
