/**
 * The scheduler's decisions as a client sees them: where pods were bound,
 * what it reported when no node fitted, what it wrote, and (where the
 * adapter records them) its explanations. Nodes come from the cluster
 * steps' `a cluster with these nodes:`.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node, Taint } from '../../spec/objects/node.ts';
import type { ClusterSettings } from '../../spec/settings.ts';
import { EXPLANATION_ANNOTATION, type Explanation } from '../../reference/scheduler/explanation.ts';
import { eventsAbout, getPod, storeLog } from '../support/cluster-reads.ts';
import type { KubespecWorld } from '../support/world.ts';

const SCHEDULER = 'default-scheduler';
const SCHEDULER_USER = 'system:kube-scheduler';

function configure(world: KubespecWorld, settings: Partial<ClusterSettings>): void {
  if (world.hasCluster) throw new Error('Scheduler settings are part of the cluster configuration: declare them before the nodes');
  world.config.settings = { ...world.config.settings, ...settings };
}

/** `key=value:Effect` or `key:Effect`, as `kubectl taint` writes them. */
function parseTaint(text: string): Taint {
  const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(text);
  if (!m) throw new Error(`Expected a taint such as "dedicated=gpu:NoSchedule", got ${JSON.stringify(text)}`);
  return { key: m[1]!, ...(m[2] !== undefined ? { value: m[2] } : {}), effect: m[3] as Taint['effect'] };
}

async function createPod(world: KubespecWorld, yaml: string): Promise<KubeObject> {
  return world.client().create('pods', world.manifest(yaml), { namespace: 'default' });
}

Given('the scheduler records why it placed each pod', function (this: KubespecWorld) {
  configure(this, { schedulerExplain: true });
});

Given('the scheduler ranks with the {string} profile', function (this: KubespecWorld, profile: string) {
  configure(this, { schedulerProfile: profile as ClusterSettings['schedulerProfile'] });
});

Given('this pod is already bound to its node:', async function (this: KubespecWorld, yaml: string) {
  await createPod(this, yaml);
  await this.cluster.settle();
});

When('this pod is created:', async function (this: KubespecWorld, yaml: string) {
  await createPod(this, yaml);
});

When('node {string} is cordoned', async function (this: KubespecWorld, node: string) {
  await this.client().patch('nodes', node, { spec: { unschedulable: true } });
});

When('node {string} is tainted {string}', async function (this: KubespecWorld, node: string, taint: string) {
  const current = await this.client().get<Node & KubeObject>('nodes', node);
  await this.client().patch('nodes', node, { spec: { taints: [...(current.spec?.taints ?? []), parseTaint(taint)] } }, { type: 'merge' });
});

When('a node {string} with {string} CPU and {string} memory joins the cluster', async function (this: KubespecWorld, name: string, cpu: string, memory: string) {
  if (this.lacks('node-simulation')) return 'skipped';
  await this.cluster.nodes.add({ name, cpu, memory });
  return undefined;
});

When('pod {string} is deleted', async function (this: KubespecWorld, name: string) {
  await this.client().delete('pods', name, { namespace: 'default' });
  await this.eventually(async () => {
    const pods = await this.client().list('pods', { namespace: 'default' });
    assert.ok(!pods.items.some((p) => p.metadata.name === name), `pod "${name}" is still there`);
  });
});

When('a pod like this is created and deleted {int} times:', async function (this: KubespecWorld, times: number, yaml: string) {
  const chosen: string[] = [];
  for (let i = 0; i < times; i++) {
    const pod = await createPod(this, yaml);
    const name = pod.metadata.name ?? '';
    await this.eventually(async () => {
      const bound = await getPod(this, name);
      assert.ok(bound.spec.nodeName, `pod "${name}" has no node yet`);
      chosen.push(bound.spec.nodeName);
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

Then('each of {string} and {string} was chosen at least once', function (this: KubespecWorld, a: string, b: string) {
  const chosen = this.notes.recall('chosenNodes');
  assert.ok(chosen.length, 'no pods were placed');
  for (const node of [a, b]) assert.ok(chosen.includes(node), `"${node}" was never chosen in ${chosen.length} placements: ${chosen.join(', ')}`);
  assert.deepEqual([...new Set(chosen)].sort(), [a, b].sort(), 'only the tied nodes are ever chosen');
});

Then('pod {string} is not scheduled, with condition PodScheduled {string} and reason {string}', async function (this: KubespecWorld, name: string, status: string, reason: string) {
  await this.eventually(async () => {
    const pod = await getPod(this, name);
    assert.equal(pod.spec.nodeName, undefined, `pod "${name}" was bound to ${pod.spec.nodeName}`);
    const condition = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    assert.deepEqual({ status: condition?.status, reason: condition?.reason }, { status, reason });
  });
});

// A real cluster appends what preemption found (". preemption: 0/3 nodes are available: ...");
// the filter verdict it reports comes first, in these words.
Then('the scheduler reported FailedScheduling for pod {string}: {string}', async function (this: KubespecWorld, name: string, message: string) {
  await this.eventually(async () => {
    const failures = (await eventsAbout(this, 'Pod', name)).filter((e) => e.reason === 'FailedScheduling' && e.source?.component === SCHEDULER);
    assert.ok(failures.length > 0, `no FailedScheduling event about pod "${name}"`);
    const latest = failures.at(-1)!;
    assert.equal(latest.type, 'Warning');
    assert.ok(latest.message?.startsWith(message), `the scheduler said ${JSON.stringify(latest.message)}`);
  });
});

Then("the scheduler's events about pod {string} are:", async function (this: KubespecWorld, name: string, table: DataTable) {
  await this.eventually(async () => {
    const pod = await getPod(this, name);
    const events = (await eventsAbout(this, 'Pod', name)).filter((e) => e.source?.component === SCHEDULER);
    const fill = (text: string) => text.replace(/<its node>/g, pod.spec.nodeName ?? '<no node>');
    assert.deepEqual(
      events.map((e) => ({ type: e.type, reason: e.reason, message: e.message })),
      table.hashes().map((row) => ({ type: row.type!, reason: row.reason!, message: fill(row.message!) })),
    );
  });
});

Then("the scheduler's only writes to the store were the binding of pod {string} and events about it", async function (this: KubespecWorld, name: string) {
  await this.cluster.settle();
  const writes = storeLog(this).filter((e) => e.onBehalfOf === SCHEDULER_USER && ['create', 'update', 'delete'].includes(e.op));
  const podWrites = writes.filter((e) => e.key === `/registry/pods/default/${name}`);
  const eventWrites = writes.filter((e) => e.key.startsWith(`/registry/events/default/${name}.`));
  assert.deepEqual(podWrites.map((e) => e.op), ['update'], 'one write to the pod: the api-server storing its binding');
  assert.deepEqual(writes.filter((e) => !podWrites.includes(e) && !eventWrites.includes(e)).map((e) => `${e.op} ${e.key}`), [], 'nothing else');
});

async function explanation(world: KubespecWorld, name: string): Promise<Explanation> {
  const pod = await getPod(world, name);
  const text = pod.metadata.annotations?.[EXPLANATION_ANNOTATION];
  assert.ok(text, `pod "${name}" carries no ${EXPLANATION_ANNOTATION} annotation`);
  return JSON.parse(text) as Explanation;
}

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
