/** Reading the Events components recorded: the story any cluster tells through its API. */
import { Then } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Event } from '../../spec/objects/event.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { itsNode } from './pods.steps.ts';
import type { KubespecWorld } from '../support/world.ts';

/** Events about one object, in the order the store committed them (resourceVersion). */
export async function eventsAbout(world: KubespecWorld, kind: string, name: string, namespace = 'default'): Promise<Event[]> {
  const list = await world.client().list<Event & KubeObject>('events', { namespace, fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${name}` });
  return list.items.sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
}

/** Replaces `<its node>` with the node remembered by an earlier step. */
export function fillIn(world: KubespecWorld, text: string): string {
  return text.includes('<its node>') ? text.replace(/<its node>/g, world.notes.recall('itsNode')) : text;
}

/** Groups events by the component that recorded them, keeping each group's order. */
function byComponent<T extends { from: string }>(events: T[]): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const e of events) (out[e.from] ??= []).push(e);
  return out;
}

Then("the events about pod {string} are, in each component's order:", async function (this: KubespecWorld, pod: string, table: DataTable) {
  await this.eventually(async () => {
    await itsNode(this, pod);
    const events = await eventsAbout(this, 'Pod', pod);
    const actual = events.map((e) => ({ reason: e.reason, from: e.source?.component ?? e.reportingComponent ?? '', message: e.message }));
    const expected = table.hashes().map((row) => ({ reason: row.reason!, from: row.from!, message: fillIn(this, row.message!) }));
    assert.deepEqual(byComponent(actual), byComponent(expected));
  });
});

Then('every kubelet event about pod {string} comes from its node', async function (this: KubespecWorld, pod: string) {
  const node = await itsNode(this, pod);
  const kubeletEvents = (await eventsAbout(this, 'Pod', pod)).filter((e) => e.source?.component === 'kubelet');
  assert.ok(kubeletEvents.length > 0, `no kubelet reported anything about pod "${pod}"`);
  for (const e of kubeletEvents) assert.equal(e.source?.host, node, `event ${e.reason} came from ${e.source?.host}, not ${node}`);
});
