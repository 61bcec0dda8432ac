/**
 * Reading the cluster's story by field (A1): Events selected with field
 * selectors, as `kubectl get events --field-selector` sends them and as
 * `kubectl describe` finds the events about one object (its kind, name,
 * namespace and uid).
 */
import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Event } from '../../spec/objects/event.ts';
import type { KubeList, KubeObject } from '../../spec/objects/meta.ts';
import type { Actor } from '../support/actors.ts';
import { getPod } from '../support/cluster-reads.ts';
import type { KubespecWorld } from '../support/world.ts';

type EventObject = Event & KubeObject;
const listed = (world: KubespecWorld) => (world.notes.recall('answer') as KubeList<EventObject>).items;

When('{actor} lists the events selected by {string}', async function (this: KubespecWorld, actor: Actor, fieldSelector: string) {
  await this.send(() => this.client(actor).list('events', { namespace: 'default', fieldSelector }));
});

When('{actor} tries to list the events selected by {string}', async function (this: KubespecWorld, actor: Actor, fieldSelector: string) {
  await this.attempt(() => this.client(actor).list('events', { namespace: 'default', fieldSelector }));
});

/** The selector kubectl describe builds (client-go's GetFieldSelector): kind, name, namespace and uid of the object. */
When('the administrator lists the events about pod {string} as kubectl describe selects them', async function (this: KubespecWorld, name: string) {
  const uid = (await getPod(this, name)).metadata.uid ?? '';
  const fieldSelector = `involvedObject.kind=Pod,involvedObject.name=${name},involvedObject.namespace=default,involvedObject.uid=${uid}`;
  await this.send(() => this.client().list('events', { namespace: 'default', fieldSelector }));
});

Then('the events listed all have reason {string} and are about pod {string}', function (this: KubespecWorld, reason: string, pod: string) {
  const events = listed(this);
  assert.ok(events.length > 0, 'no event was listed');
  for (const e of events) assert.deepEqual([e.reason, e.involvedObject.kind, e.involvedObject.name], [reason, 'Pod', pod]);
});

Then('the events listed are all about pod {string}, among them {names}', function (this: KubespecWorld, pod: string, reasons: string[]) {
  const events = listed(this);
  for (const e of events) assert.deepEqual([e.involvedObject.kind, e.involvedObject.name], ['Pod', pod], `event ${e.metadata.name} (${e.reason})`);
  const seen = new Set(events.map((e) => e.reason));
  assert.deepEqual(reasons.filter((r) => !seen.has(r)), [], `reasons listed: ${[...seen].join(', ')}`);
});
