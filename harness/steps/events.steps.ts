/** The Events components recorded: the story any cluster tells through its API. */
import { Then } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { eventsAbout, fillInItsNode, itsNode, recorderOf } from '../support/cluster-reads.ts';
import type { ObjectRef } from '../support/kinds.ts';
import type { KubespecWorld } from '../support/world.ts';

const SCHEDULER = 'default-scheduler';

/** Groups events by the component that recorded them, keeping each group's order. */
function byComponent<T extends { from: string }>(events: T[]): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const e of events) (out[e.from] ??= []).push(e);
  return out;
}

/** `<its node>` in a message stands for the node the pod was bound to. */
Then("the events about pod {string} are, in each component's order:", async function (this: KubespecWorld, pod: string, table: DataTable) {
  await this.eventually(async () => {
    await itsNode(this, pod);
    const events = await eventsAbout(this, 'Pod', pod);
    const actual = events.map((e) => ({ reason: e.reason, from: recorderOf(e), message: e.message }));
    const expected = table.hashes().map((row) => ({ reason: row.reason!, from: row.from!, message: fillInItsNode(this, row.message!) }));
    assert.deepEqual(byComponent(actual), byComponent(expected));
  });
});

Then("the scheduler's events about pod {string} are:", async function (this: KubespecWorld, pod: string, table: DataTable) {
  await this.eventually(async () => {
    await itsNode(this, pod);
    const events = (await eventsAbout(this, 'Pod', pod)).filter((e) => recorderOf(e) === SCHEDULER);
    assert.deepEqual(
      events.map((e) => ({ type: e.type, reason: e.reason, message: e.message })),
      table.hashes().map((row) => ({ type: row.type!, reason: row.reason!, message: fillInItsNode(this, row.message!) })),
    );
  });
});

Then('every kubelet event about pod {string} comes from its node', async function (this: KubespecWorld, pod: string) {
  await this.eventually(async () => {
    const node = await itsNode(this, pod);
    const kubeletEvents = (await eventsAbout(this, 'Pod', pod)).filter((e) => recorderOf(e) === 'kubelet');
    assert.ok(kubeletEvents.length > 0, `no kubelet reported anything about pod "${pod}"`);
    for (const e of kubeletEvents) assert.equal(e.source?.host, node, `event ${e.reason} came from ${e.source?.host}, not ${node}`);
  });
});

async function uidOf(world: KubespecWorld, ref: ObjectRef): Promise<string> {
  const obj = await world.client().get(ref.kind.resource, ref.name, ref.namespace ? { namespace: ref.namespace } : {});
  return obj.metadata.uid ?? '';
}

/** `<its uid>` in a message stands for the object's uid, which the kubelet prints in some messages. */
Then('{recorder} recorded {string} about {object}: {string}', async function (this: KubespecWorld, recorder: string, reason: string, ref: ObjectRef, message: string) {
  await this.eventually(async () => {
    const expected = message.includes('<its uid>') ? message.replace('<its uid>', await uidOf(this, ref)) : message;
    const found = (await eventsAbout(this, ref.kind.kind, ref.name)).filter((e) => e.reason === reason && recorderOf(e) === recorder);
    assert.ok(found.some((e) => e.message === expected), `${recorder} ${reason} events: ${found.map((e) => e.message).join(' | ') || 'none'}`);
  });
});

// A real cluster appends what preemption found (". preemption: 0/3 nodes are available: ..."):
// the filter verdict comes first, in these words.
Then('the scheduler recorded FailedScheduling about pod {string}, beginning {string}', async function (this: KubespecWorld, pod: string, message: string) {
  await this.eventually(async () => {
    const failures = (await eventsAbout(this, 'Pod', pod)).filter((e) => e.reason === 'FailedScheduling' && recorderOf(e) === SCHEDULER);
    assert.ok(failures.length > 0, `no FailedScheduling event about pod "${pod}"`);
    const latest = failures.at(-1)!;
    assert.equal(latest.type, 'Warning');
    assert.ok(latest.message?.startsWith(message), `the scheduler said ${JSON.stringify(latest.message)}`);
  });
});
