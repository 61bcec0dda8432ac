/**
 * Nodes that stop reporting, as the node controller and a client see them
 * (C2-C6): silencing a node right after a heartbeat (the moment later waits
 * are measured from), the taints the node controller adds, and what the
 * Node object shows.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { conditionOf, findTaint, getNode, listNodes, parseTaint, type NodeObject } from '../support/cluster-reads.ts';
import { MOMENT_NAMES, type Moment } from '../support/parameter-types.ts';
import { recordTimeline } from '../support/timeline.ts';
import { REAL_TIME_SLACK_MS, until, within } from '../support/windows.ts';
import type { KubespecWorld } from '../support/world.ts';

const heartbeatOf = (node: NodeObject) => conditionOf(node, 'Ready')?.lastHeartbeatTime;

/**
 * Several nodes are silenced together only if they beat together: the step
 * checks they did. On a real clock the harness's kubelets beat at their own
 * instants, so "together" is within one report period (and lastHeartbeatTime
 * has whole seconds), and the moment starts that much earlier.
 */
Given('node(s) {names} stop(s) reporting right after a heartbeat', async function (this: KubespecWorld, names: string[]) {
  await recordTimeline(this);
  if (this.lacks('node-simulation')) return 'skipped';
  const [first] = names;
  const { settings, clock } = this.cluster;
  const before = heartbeatOf(await getNode(this, first!));
  const beat = await until(this, `a heartbeat of node "${first}"`, async () => heartbeatOf(await getNode(this, first!)) !== before);
  const beats = await Promise.all(names.map(async (n) => Date.parse(heartbeatOf(await getNode(this, n)) ?? '')));
  const apart = Math.max(...beats) - Math.min(...beats);
  const reportEvery = Math.max(settings.nodeStatusUpdatePeriodMs, settings.nodeLeaseRenewPeriodMs);
  const together = clock.advance ? 0 : reportEvery + 1000;
  assert.ok(apart <= together, `nodes ${names.join(', ')} did not beat together: ${beats.map((b) => new Date(b).toISOString()).join(', ')}`);
  for (const name of names) await this.cluster.nodes.silence(name);
  const earliest = names.length > 1 && !clock.advance ? beat.earliest - reportEvery : beat.earliest;
  this.notes.note('heartbeat', { earliest, latest: clock.advance ? beat.latest : clock.now() });
  return undefined;
});

When('every node stops reporting', async function (this: KubespecWorld) {
  await recordTimeline(this);
  if (this.lacks('node-simulation')) return 'skipped';
  for (const node of await listNodes(this)) await this.cluster.nodes.silence(node.metadata.name ?? '');
  return undefined;
});

When('node {string} reports again', async function (this: KubespecWorld, name: string) {
  if (this.lacks('node-simulation')) return 'skipped';
  await this.cluster.nodes.resume(name);
  return undefined;
});

/** Posted with the node's own identity, as its kubelet would (the simulated kubelet is silenced first). */
When('node {string} reports that it is not ready', async function (this: KubespecWorld, name: string) {
  const asNode = this.client({ user: `system:node:${name}`, groups: ['system:nodes'] });
  const node = await asNode.get<NodeObject>('nodes', name);
  const now = new Date(Date.parse(heartbeatOf(node) ?? '') + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const conditions = (node.status?.conditions ?? []).map((c) =>
    c.type === 'Ready' ? { ...c, status: 'False' as const, reason: 'KubeletNotReady', message: 'container runtime is down', lastHeartbeatTime: now, lastTransitionTime: now } : c,
  );
  await this.send(() => asNode.update('nodes', { ...node, status: { ...node.status, conditions } }, { subresource: 'status' }));
});

/** Waits for the taint and notes when it appeared ("the taint was added"). */
When('the node controller has tainted node {string} with {string}', async function (this: KubespecWorld, name: string, taint: string) {
  const t = parseTaint(taint);
  this.notes.note('taintAdded', await until(this, `the taint ${taint} on node "${name}"`, async () => findTaint(await getNode(this, name), t) !== undefined));
});

/**
 * A timed change: not before the wait is over, and within a node-monitor period after
 * (windows.ts), counted from when the node controller heard the moment: a heartbeat
 * is heard at its next check, up to a period later.
 */
Then('node {string} is marked Unknown once {duration} has passed since {moment}', async function (this: KubespecWorld, name: string, ms: number, moment: Moment) {
  const heard = moment === 'heartbeat' ? this.cluster.settings.nodeMonitorPeriodMs : 0;
  await within(
    this,
    { what: `node "${name}" is marked Unknown`, since: this.notes.recall(moment), sinceName: MOMENT_NAMES[moment], afterMs: ms, noticedWithinMs: heard },
    async () => conditionOf(await getNode(this, name), 'Ready')?.status === 'Unknown',
  );
});

Then('node {string} has Ready condition {string}', async function (this: KubespecWorld, name: string, status: string) {
  await this.eventually(async () => assert.equal(conditionOf(await getNode(this, name), 'Ready')?.status, status, `node "${name}"`));
});

Then('every node has Ready condition {string}', async function (this: KubespecWorld, status: string) {
  await this.eventually(async () => {
    for (const n of await listNodes(this)) assert.equal(conditionOf(n, 'Ready')?.status, status, `node "${n.metadata.name}"`);
  });
});

Then('node {string} has these conditions:', async function (this: KubespecWorld, name: string, table: DataTable) {
  await this.eventually(async () => {
    const node = await getNode(this, name);
    const actual = table.hashes().map((row) => {
      const c = conditionOf(node, row.type!);
      return { type: row.type!, status: c?.status ?? '', reason: c?.reason ?? '', message: c?.message ?? '' };
    });
    assert.deepEqual(actual, table.hashes().map((row) => ({ type: row.type!, status: row.status!, reason: row.reason!, message: row.message! })));
  });
});

Then('node {string} has no conditions yet', async function (this: KubespecWorld, name: string) {
  await this.eventually(async () => assert.deepEqual((await getNode(this, name)).status?.conditions ?? [], []));
});

Then('node {string} has the taint {string}', async function (this: KubespecWorld, name: string, taint: string) {
  await this.eventually(async () => assert.ok(findTaint(await getNode(this, name), parseTaint(taint)), `node "${name}" lacks the taint ${taint}`));
});

Then('node {string} does not have the taint {string}', async function (this: KubespecWorld, name: string, taint: string) {
  await this.eventually(async () => assert.ok(!findTaint(await getNode(this, name), parseTaint(taint)), `node "${name}" has the taint ${taint}`));
});

/**
 * Read from the taints' timeAdded, which the node controller stamps: exactly
 * on a virtual clock; on a real one within the window (windows.ts), widened
 * by the second timeAdded is rounded down to.
 */
Then('the taint {string} was added to nodes {string} and {string} {duration} apart', async function (this: KubespecWorld, taint: string, one: string, other: string, ms: number) {
  const added = async (name: string) => {
    const found = findTaint(await getNode(this, name), parseTaint(taint));
    assert.ok(found?.timeAdded, `node "${name}" has no ${taint} with a timeAdded`);
    return Date.parse(found.timeAdded);
  };
  const { clock, settings } = this.cluster;
  await this.eventually(async () => {
    const apart = Math.abs((await added(other)) - (await added(one)));
    if (clock.advance) return assert.equal(apart, ms);
    const [least, most] = [Math.floor(ms / 1000) * 1000, ms + settings.nodeMonitorPeriodMs + REAL_TIME_SLACK_MS + 1000];
    assert.ok(apart >= least && apart <= most, `the taints were added ${apart / 1000} s apart, not within [${least / 1000} s, ${most / 1000} s]`);
  });
});
