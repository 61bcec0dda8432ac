/** Reading the Events components recorded: the story any cluster tells through its API. */
import { Then } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { eventsAbout, fillInItsNode, itsNode } from '../support/cluster-reads.ts';
import type { KubespecWorld } from '../support/world.ts';

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
    const expected = table.hashes().map((row) => ({ reason: row.reason!, from: row.from!, message: fillInItsNode(this, row.message!) }));
    assert.deepEqual(byComponent(actual), byComponent(expected));
  });
});

Then('every kubelet event about pod {string} comes from its node', async function (this: KubespecWorld, pod: string) {
  const node = await itsNode(this, pod);
  const kubeletEvents = (await eventsAbout(this, 'Pod', pod)).filter((e) => e.source?.component === 'kubelet');
  assert.ok(kubeletEvents.length > 0, `no kubelet reported anything about pod "${pod}"`);
  for (const e of kubeletEvents) assert.equal(e.source?.host, node, `event ${e.reason} came from ${e.source?.host}, not ${node}`);
});
