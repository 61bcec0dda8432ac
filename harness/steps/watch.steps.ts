/** Watching from a resourceVersion: resuming where a client left off, or learning that history is gone (410). */
import { Then, When } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { WatchEvent } from '../../spec/adapter.ts';
import { isStatusError } from '../../spec/objects/status.ts';
import type { Actor } from '../support/actors.ts';
import type { Kind } from '../support/kinds.ts';
import type { KubespecWorld } from '../support/world.ts';

When('{actor} watches the {kind} in namespace {string} from the remembered version', async function (this: KubespecWorld, actor: Actor, kind: Kind, namespace: string) {
  const events: WatchEvent[] = [];
  const endings: unknown[] = [];
  const handle = await this.client(actor).watch(kind.resource, { namespace, resourceVersion: this.notes.recall('version') }, (e) => {
    events.push(e);
  }, (error) => {
    endings.push(error);
  });
  this.notes.note('watch', { events, endings, handle });
});

Then('the watch delivers, in order:', async function (this: KubespecWorld, table: DataTable) {
  const { events, handle } = this.notes.recall('watch');
  await this.eventually(async () => {
    const actual = events.map((e) => ({ type: e.type, mode: String((e.object.data as Record<string, string> | undefined)?.mode ?? '') }));
    assert.deepEqual(actual, table.hashes().map((r) => ({ type: r.type!, mode: r.mode! })));
  });
  handle.stop();
});

Then('the watch is ended with code {int} and reason {string}, saying the remembered version is too old', async function (this: KubespecWorld, code: number, reason: string) {
  const { endings } = this.notes.recall('watch');
  await this.eventually(async () => {
    const error = endings[0];
    assert.ok(isStatusError(error), `the watch was not ended with a Status: ${String(error)}`);
    assert.equal(error.status.code, code);
    assert.equal(error.status.reason, reason);
    assert.match(error.status.message, new RegExp(`^too old resource version: ${this.notes.recall('version')} \\(\\d+\\)$`));
  });
});
