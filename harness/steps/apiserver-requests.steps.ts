/**
 * Requests a client sends to the api-server (A1) and what it answers: the
 * object in Kubernetes' shape, or a Status. "tries to" keeps a refusal for
 * the Then-steps instead of failing.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { KubespecWorld } from '../support/world.ts';
import { KIND_WORDS, resourceOfWords, target } from '../support/kinds.ts';

const asUser = (who: string) => (who === 'the administrator' ? undefined : who);
const WHO = '(the administrator|"[^"]+")';
const unquote = (who: string) => asUser(who.replace(/^"|"$/g, ''));

function manifests(world: KubespecWorld, yaml: string): KubeObject[] {
  return parseAllDocuments(yaml).map((d) => d.toJS() as KubeObject).filter(Boolean).map((o) => world.manifest(JSON.stringify(o)));
}

When(new RegExp(`^${WHO} creates these objects:$`), async function (this: KubespecWorld, who: string, yaml: string) {
  const created: KubeObject[] = [];
  for (const obj of manifests(this, yaml)) {
    const { resource, namespace } = target(obj);
    created.push(await this.client(unquote(who)).create(resource, obj, namespace ? { namespace } : {}));
  }
  this.notes.note('written', manifests(this, yaml));
  this.notes.note('answers', created);
});

When(new RegExp(`^(?:(the administrator) creates|${WHO} tries to create) this (${KIND_WORDS}):$`), async function (this: KubespecWorld, admin: string | undefined, who: string | undefined, _kind: string, yaml: string) {
  const obj = this.manifest(yaml);
  const { resource, namespace } = target(obj);
  const answer = await this.attempt(() => this.client(unquote(admin ?? who ?? '')).create(resource, obj, namespace ? { namespace } : {}));
  if (answer) this.notes.note('answer', answer);
});

When(
  new RegExp(`^${WHO} tries to (get|delete) the (${KIND_WORDS}) "([^"]+)"(?: in namespace "([^"]+)")?$`),
  async function (this: KubespecWorld, who: string, verb: string, kind: string, name: string, namespace: string | undefined) {
    const { resource, namespaced } = resourceOfWords(kind);
    const opts = namespaced ? { namespace: namespace ?? 'default' } : {};
    const client = this.client(unquote(who));
    if (verb === 'delete') return void (await this.attempt(() => client.delete(resource, name, opts)));
    const answer = await this.attempt(() => client.get(resource, name, opts));
    if (answer) this.notes.note('answer', answer);
  },
);

When(
  new RegExp(`^${WHO} (?:tries to list|lists) the ((?:${KIND_WORDS})s?) in namespace "([^"]+)"$`),
  async function (this: KubespecWorld, who: string, kind: string, namespace: string) {
    const answer = await this.attempt(() => this.client(unquote(who)).list(resourceOfWords(kind).resource, { namespace }));
    if (answer) this.notes.note('answer', answer);
  },
);

When(
  new RegExp(`^${WHO} tries to set "([^"]+)" to "([^"]*)" in config map "([^"]+)"( sending the remembered version)?$`),
  async function (this: KubespecWorld, who: string, key: string, value: string, name: string, version: string | undefined) {
    const client = this.client(unquote(who));
    const current = await this.client().get('configmaps', name, { namespace: 'default' });
    const body = { ...current, data: { ...(current.data as object), [key]: value } };
    const sent = version ? this.notes.recall('version') : current.metadata.resourceVersion;
    body.metadata = { ...current.metadata, ...(sent ? { resourceVersion: sent } : {}) };
    const answer = await this.attempt(() => client.update('configmaps', body, { namespace: 'default' }));
    if (answer) this.notes.note('answer', answer);
  },
);

Then('the request succeeds', function (this: KubespecWorld) {
  assert.equal(this.lastError, undefined, this.lastError?.message);
});

Then('the request fails with a server error', function (this: KubespecWorld) {
  assert.ok(this.lastError, 'the request was not refused');
  assert.equal(this.lastError.status.kind, 'Status');
  assert.ok(this.lastError.status.code >= 500 && this.lastError.status.code < 600, `expected a 5xx Status, got ${this.lastError.status.code}: ${this.lastError.status.message}`);
});

Then('the answer is a {word} with these fields:', function (this: KubespecWorld, kind: string, table: DataTable) {
  const answer = this.notes.recall('answer');
  assert.equal(answer.kind, kind);
  for (const { field, value } of table.hashes()) {
    const actual: unknown = field!.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], answer);
    if (value === '<set>') assert.ok(actual !== undefined && actual !== '', `${field} is not set`);
    else assert.equal(String(actual), value, `${field}`);
  }
});

Then('the refusal names these fields:', function (this: KubespecWorld, table: DataTable) {
  assert.ok(this.lastError, 'the request was not refused');
  const causes = this.lastError.status.details?.causes ?? [];
  const actual = causes.map((c) => ({ field: c.field ?? '', type: c.type ?? '' }));
  for (const row of table.hashes()) {
    assert.ok(actual.some((c) => c.field === row.field && c.type === row.type), `no cause ${row.type} on ${row.field}; causes: ${JSON.stringify(actual)}`);
  }
});

Then('config map {string} has {string} set to {string}', async function (this: KubespecWorld, name: string, key: string, value: string) {
  const cm = await this.client().get('configmaps', name, { namespace: 'default' });
  assert.equal((cm.data as Record<string, string> | undefined)?.[key], value);
});

Then(new RegExp(`^the (${KIND_WORDS}) "([^"]+)" does not exist in namespace "([^"]+)"$`), async function (this: KubespecWorld, kind: string, name: string, namespace: string) {
  const list = await this.client().list(resourceOfWords(kind).resource, { namespace });
  assert.ok(!list.items.some((o) => o.metadata.name === name), `${kind} "${name}" exists`);
});

Given('the version of config map {string} is remembered', async function (this: KubespecWorld, name: string) {
  const version = (await this.client().get('configmaps', name, { namespace: 'default' })).metadata.resourceVersion;
  assert.ok(version, `config map "${name}" has no resourceVersion`);
  this.notes.note('version', version);
});

When('{string} deletes the pod {string}', async function (this: KubespecWorld, who: string, name: string) {
  await this.client(who).delete('pods', name, { namespace: 'default' });
});
