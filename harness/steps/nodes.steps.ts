/**
 * Nodes that stop reporting, as the node controller and a client see them
 * (C2-C6): settings, silencing, waiting measured from a heartbeat or a
 * taint, and what the Node object shows. Waits use the cluster's effective
 * settings, so one scenario reads the same for the note's 40 s and
 * Kubernetes 1.32's 50 s.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Condition } from '../../spec/objects/meta.ts';
import type { Taint } from '../../spec/objects/node.ts';
import { getNode, type NodeObject } from '../support/cluster-reads.ts';
import { recordTimeline } from '../support/timeline.ts';
import type { KubespecWorld } from '../support/world.ts';

function condition(node: NodeObject, type: string): Condition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

/** `node.kubernetes.io/unreachable:NoExecute` -> key and effect. */
function taintFrom(text: string): Pick<Taint, 'key' | 'effect'> {
  const m = /^([^:=]+)(?:=[^:]*)?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(text);
  if (!m) throw new Error(`Expected a taint such as "node.kubernetes.io/unreachable:NoExecute", got ${JSON.stringify(text)}`);
  return { key: m[1]!, effect: m[2] as Taint['effect'] };
}

const hasTaint = (node: NodeObject, t: Pick<Taint, 'key' | 'effect'>) => (node.spec?.taints ?? []).some((x) => x.key === t.key && x.effect === t.effect);

/** Lets time pass one second at a time until `done` holds; returns when it did (clock ms). */
async function stepUntil(world: KubespecWorld, what: string, done: () => Promise<boolean>, limitMs = 15 * 60_000): Promise<number> {
  const start = world.cluster.clock.now();
  while (!(await done())) {
    if (world.cluster.clock.now() - start > limitMs) throw new Error(`${what} did not happen within ${limitMs / 1000} s`);
    await world.passTime(1000);
  }
  return world.cluster.clock.now();
}

function settingsFirst(world: KubespecWorld): void {
  if (world.hasCluster) throw new Error('Settings are part of the cluster configuration: state them before the nodes');
}

Given('the node controller checks every {duration} with a grace period of {duration}', function (this: KubespecWorld, period: number, grace: number) {
  settingsFirst(this);
  this.config.settings = { ...this.config.settings, nodeMonitorPeriodMs: period, nodeMonitorGracePeriodMs: grace };
});

Given('pods tolerate an unreachable node for {duration} by default', function (this: KubespecWorld, toleration: number) {
  settingsFirst(this);
  this.config.settings = { ...this.config.settings, defaultTolerationSeconds: toleration / 1000 };
});

Given('node {string} stops reporting right after a heartbeat', async function (this: KubespecWorld, name: string) {
  await recordTimeline(this);
  if (this.lacks('node-simulation')) return 'skipped';
  const before = condition(await getNode(this, name), 'Ready')?.lastHeartbeatTime;
  const at = await stepUntil(this, `a heartbeat of node "${name}"`, async () => condition(await getNode(this, name), 'Ready')?.lastHeartbeatTime !== before);
  await this.cluster.nodes.silence(name);
  this.notes.note('heartbeat', at);
  return undefined;
});

Given('nodes {string} and {string} stop reporting right after the same heartbeat', async function (this: KubespecWorld, first: string, second: string) {
  await recordTimeline(this);
  if (this.lacks('node-simulation')) return 'skipped';
  const before = condition(await getNode(this, first), 'Ready')?.lastHeartbeatTime;
  const at = await stepUntil(this, `a heartbeat of node "${first}"`, async () => condition(await getNode(this, first), 'Ready')?.lastHeartbeatTime !== before);
  const [a, b] = [await getNode(this, first), await getNode(this, second)];
  assert.equal(condition(b, 'Ready')?.lastHeartbeatTime, condition(a, 'Ready')?.lastHeartbeatTime, 'the two nodes do not beat together');
  await this.cluster.nodes.silence(first);
  await this.cluster.nodes.silence(second);
  this.notes.note('heartbeat', at);
  return undefined;
});

When('every node stops reporting', async function (this: KubespecWorld) {
  await recordTimeline(this);
  if (this.lacks('node-simulation')) return 'skipped';
  for (const node of (await this.client().list('nodes')).items) await this.cluster.nodes.silence(node.metadata.name ?? '');
  return undefined;
});


When('the node controller has tainted node {string} with {string}', async function (this: KubespecWorld, name: string, taint: string) {
  const t = taintFrom(taint);
  this.notes.note('taintAdded', await stepUntil(this, `the taint ${taint} on node "${name}"`, async () => hasTaint(await getNode(this, name), t)));
});


When('node {string} reports again', async function (this: KubespecWorld, name: string) {
  if (this.lacks('node-simulation')) return 'skipped';
  await this.cluster.nodes.resume(name);
  return undefined;
});

Then('node {string} is still Ready', async function (this: KubespecWorld, name: string) {
  await this.eventually(async () => assert.equal(condition(await getNode(this, name), 'Ready')?.status, 'True', `node "${name}" is not Ready`));
});

Then('node {string} has Ready condition {string}', async function (this: KubespecWorld, name: string, status: string) {
  await this.eventually(async () => assert.equal(condition(await getNode(this, name), 'Ready')?.status, status));
});

Then('node {string} has these conditions:', async function (this: KubespecWorld, name: string, table: { hashes(): Array<Record<string, string>> }) {
  await this.eventually(async () => {
    const node = await getNode(this, name);
    const actual = table.hashes().map((row) => {
      const c = condition(node, row.type!);
      return { type: row.type!, status: c?.status ?? '', reason: c?.reason ?? '', message: c?.message ?? '' };
    });
    assert.deepEqual(actual, table.hashes().map((row) => ({ type: row.type!, status: row.status!, reason: row.reason!, message: row.message! })));
  });
});

Then('node {string} has the taint {string}', async function (this: KubespecWorld, name: string, taint: string) {
  await this.eventually(async () => assert.ok(hasTaint(await getNode(this, name), taintFrom(taint)), `node "${name}" lacks the taint ${taint}`));
});

Then('node {string} does not have the taint {string}', async function (this: KubespecWorld, name: string, taint: string) {
  await this.eventually(async () => assert.ok(!hasTaint(await getNode(this, name), taintFrom(taint)), `node "${name}" has the taint ${taint}`));
});

Then('no node has the taint {string}', async function (this: KubespecWorld, taint: string) {
  const t = taintFrom(taint);
  await this.eventually(async () => {
    const tainted = (await this.client().list<NodeObject>('nodes')).items.filter((n) => hasTaint(n, t)).map((n) => n.metadata.name);
    assert.deepEqual(tainted, [], `nodes with ${taint}`);
  });
});

Then('every node has Ready condition {string}', async function (this: KubespecWorld, status: string) {
  await this.eventually(async () => {
    for (const n of (await this.client().list<NodeObject>('nodes')).items) assert.equal(condition(n, 'Ready')?.status, status, `node "${n.metadata.name}"`);
  });
});

Then('the taint {string} was added to node {string} {duration} after the one on node {string}', async function (this: KubespecWorld, taint: string, second: string, ms: number, first: string) {
  const t = taintFrom(taint);
  const added = async (n: string) => {
    const found = ((await getNode(this, n)).spec?.taints ?? []).find((x) => x.key === t.key && x.effect === t.effect);
    assert.ok(found?.timeAdded, `node "${n}" has no ${taint} with a timeAdded`);
    return Date.parse(found.timeAdded);
  };
  assert.equal((await added(second)) - (await added(first)), ms);
});

Then('the node controller recorded the event {string} about node {string}: {string}', async function (this: KubespecWorld, reason: string, node: string, message: string) {
  await this.eventually(async () => {
    const events = await this.client().list('events', { namespace: 'default', fieldSelector: `involvedObject.kind=Node,involvedObject.name=${node}` });
    const found = events.items.filter((e) => e.reason === reason && (e.source as { component?: string } | undefined)?.component === 'node-controller');
    assert.ok(found.length > 0, `no ${reason} event about node "${node}" from the node controller`);
    assert.equal(found[0]!.message, message);
  });
});

Then('node {string} has no conditions yet', async function (this: KubespecWorld, name: string) {
  await this.eventually(async () => assert.deepEqual((await getNode(this, name)).status?.conditions ?? [], []));
});

When('node {string} reports that it is not ready', async function (this: KubespecWorld, name: string) {
  // Posted with the node's own identity, as its kubelet would (the real kubelet is silenced first).
  const asNode = this.client({ user: `system:node:${name}`, groups: ['system:nodes'] });
  const node = await asNode.get<NodeObject>('nodes', name);
  const now = new Date(Date.parse(condition(node, 'Ready')?.lastHeartbeatTime ?? '') + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const conditions = (node.status?.conditions ?? []).map((c) =>
    c.type === 'Ready' ? { ...c, status: 'False' as const, reason: 'KubeletNotReady', message: 'container runtime is down', lastHeartbeatTime: now, lastTransitionTime: now } : c,
  );
  await asNode.update('nodes', { ...node, status: { ...node.status, conditions } }, { subresource: 'status' });
  await this.cluster.settle();
});
