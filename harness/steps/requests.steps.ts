/**
 * Requests a client sends to the api-server (A1) and what it answers: the
 * object in Kubernetes' shape, or a Status. Every action has two phrases:
 * "<actor> creates …" fails the step when the api-server refuses, and
 * "<actor> tries to create …" keeps the refusal for the Then-steps.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Actor } from '../support/actors.ts';
import { simplePod } from '../support/cluster-reads.ts';
import { target, type Kind, type ObjectRef } from '../support/kinds.ts';
import type { KubespecWorld } from '../support/world.ts';

const where = (ref: ObjectRef) => (ref.namespace ? { namespace: ref.namespace } : {});

function create(world: KubespecWorld, actor: Actor, obj: KubeObject) {
  const { resource, namespace } = target(obj);
  return () => world.client(actor).create(resource, obj, namespace ? { namespace } : {});
}

/** Sets one data key of a config map, sending the version read now or, with `stale`, the remembered one. */
async function setKey(world: KubespecWorld, actor: Actor, ref: ObjectRef, key: string, value: string, stale = false) {
  const current = await world.client().get<KubeObject & { data?: Record<string, string> }>(ref.kind.resource, ref.name, where(ref));
  const resourceVersion = stale ? world.notes.recall('version') : current.metadata.resourceVersion;
  const body = { ...current, metadata: { ...current.metadata, resourceVersion }, data: { ...current.data, [key]: value } };
  return () => world.client(actor).update(ref.kind.resource, body, where(ref));
}

/** Notes when it was created, as the cluster dates it ("since it was created"). */
When('{actor} creates this {kind}:', async function (this: KubespecWorld, actor: Actor, _kind: Kind, yaml: string) {
  const { clock } = this.cluster;
  const sent = clock.now();
  await this.send(create(this, actor, this.manifest(yaml)));
  this.notes.note('created', { earliest: sent - 1000, latest: clock.now() });
});

When('{actor} tries to create this {kind}:', async function (this: KubespecWorld, actor: Actor, _kind: Kind, yaml: string) {
  await this.attempt(create(this, actor, this.manifest(yaml)));
});

When('{actor} creates these objects:', async function (this: KubespecWorld, actor: Actor, yaml: string) {
  const written = this.manifests(yaml);
  this.notes.note('written', written);
  for (const obj of written) await this.send(create(this, actor, obj));
});

When('{actor} creates a pod {string} running {string}', async function (this: KubespecWorld, actor: Actor, name: string, image: string) {
  await this.send(create(this, actor, simplePod(name, image)));
});

When('{actor} tries to create a pod {string} running {string}', async function (this: KubespecWorld, actor: Actor, name: string, image: string) {
  await this.attempt(create(this, actor, simplePod(name, image)));
});

When('{actor} tries to get {object}', async function (this: KubespecWorld, actor: Actor, ref: ObjectRef) {
  await this.attempt(() => this.client(actor).get(ref.kind.resource, ref.name, where(ref)));
});

When('{actor} tries to list the {kind} in namespace {string}', async function (this: KubespecWorld, actor: Actor, kind: Kind, namespace: string) {
  await this.attempt(() => this.client(actor).list(kind.resource, { namespace }));
});

When('{actor} deletes {object}', async function (this: KubespecWorld, actor: Actor, ref: ObjectRef) {
  await this.send(() => this.client(actor).delete(ref.kind.resource, ref.name, where(ref)));
});

When('{actor} tries to delete {object}', async function (this: KubespecWorld, actor: Actor, ref: ObjectRef) {
  await this.attempt(() => this.client(actor).delete(ref.kind.resource, ref.name, where(ref)));
});

/** Sends the object back as it is now (as a kubelet renewing its Lease does). */
When('{actor} tries to update {object}', async function (this: KubespecWorld, actor: Actor, ref: ObjectRef) {
  const current = await this.client().get(ref.kind.resource, ref.name, where(ref));
  await this.attempt(() => this.client(actor).update(ref.kind.resource, current, where(ref)));
});

/** Sends the object's status back as it is now, to the status subresource (as a kubelet reporting does). */
When('{actor} tries to update the status of {object}', async function (this: KubespecWorld, actor: Actor, ref: ObjectRef) {
  const current = await this.client().get(ref.kind.resource, ref.name, where(ref));
  await this.attempt(() => this.client(actor).update(ref.kind.resource, current, { ...where(ref), subresource: 'status' }));
});

When('{actor} sets {string} to {string} in {object}', async function (this: KubespecWorld, actor: Actor, key: string, value: string, ref: ObjectRef) {
  await this.send(await setKey(this, actor, ref, key, value));
});

When('{actor} tries to set {string} to {string} in {object}', async function (this: KubespecWorld, actor: Actor, key: string, value: string, ref: ObjectRef) {
  await this.attempt(await setKey(this, actor, ref, key, value));
});

When('{actor} tries to set {string} to {string} in {object} sending the remembered version', async function (this: KubespecWorld, actor: Actor, key: string, value: string, ref: ObjectRef) {
  await this.attempt(await setKey(this, actor, ref, key, value, true));
});

Given('the version of {object} is remembered', async function (this: KubespecWorld, ref: ObjectRef) {
  const version = (await this.client().get(ref.kind.resource, ref.name, where(ref))).metadata.resourceVersion;
  assert.ok(version, `${ref.kind.kind} "${ref.name}" has no resourceVersion`);
  this.notes.note('version', version);
});

Then('the request succeeds', function (this: KubespecWorld) {
  assert.equal(this.lastError, undefined, this.lastError?.message);
});

Then('the request is refused with code {int} and reason {string}', function (this: KubespecWorld, code: number, reason: string) {
  assert.ok(this.lastError, 'the request was not refused');
  assert.equal(this.lastError.status.kind, 'Status');
  assert.equal(this.lastError.status.code, code, this.lastError.status.message);
  assert.equal(this.lastError.status.reason, reason, this.lastError.status.message);
});

Then('the request fails with a server error', function (this: KubespecWorld) {
  assert.ok(this.lastError, 'the request did not fail');
  assert.equal(this.lastError.status.kind, 'Status');
  assert.ok(this.lastError.status.code >= 500 && this.lastError.status.code < 600, `expected a 5xx Status, got ${this.lastError.status.code}: ${this.lastError.status.message}`);
});

function refusalSays(world: KubespecWorld, message: string): void {
  assert.ok(world.lastError, 'the request was not refused');
  assert.equal(world.lastError.status.message, message);
}
Then('the refusal says {string}', function (this: KubespecWorld, message: string) {
  refusalSays(this, message);
});
/** For a message with both kinds of quotes in it. */
Then('the refusal says:', function (this: KubespecWorld, message: string) {
  refusalSays(this, message);
});

Then('the refusal names these fields:', function (this: KubespecWorld, table: DataTable) {
  assert.ok(this.lastError, 'the request was not refused');
  const causes = (this.lastError.status.details?.causes ?? []).map((c) => ({ field: c.field ?? '', type: c.type ?? '' }));
  for (const row of table.hashes()) {
    assert.ok(causes.some((c) => c.field === row.field && c.type === row.type), `no cause ${row.type} on ${row.field}; causes: ${JSON.stringify(causes)}`);
  }
});

/** `<set>` stands for any value the server filled in. */
Then('the answer is a {word} with these fields:', function (this: KubespecWorld, kind: string, table: DataTable) {
  const answer = this.notes.recall('answer');
  assert.equal(answer.kind, kind);
  for (const { field, value } of table.hashes()) {
    const actual = field!.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), answer);
    if (value === '<set>') assert.ok(actual !== undefined && actual !== '', `${field} is not set`);
    else assert.equal(String(actual), value, `${field}`);
  }
});

Then('{object} has {string} set to {string}', async function (this: KubespecWorld, ref: ObjectRef, key: string, value: string) {
  await this.eventually(async () => {
    const obj = await this.client().get<KubeObject & { data?: Record<string, string> }>(ref.kind.resource, ref.name, where(ref));
    assert.equal(obj.data?.[key], value);
  });
});

Then('{object} does not exist', async function (this: KubespecWorld, ref: ObjectRef) {
  await this.eventually(async () => {
    const list = await this.client().list(ref.kind.resource, where(ref));
    assert.ok(!list.items.some((o) => o.metadata.name === ref.name), `${ref.kind.kind} "${ref.name}" exists`);
  });
});
