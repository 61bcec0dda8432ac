/** Watching from a resourceVersion: resuming where a client left off, or learning that history is gone (410). */
import { Then, When } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { WatchEvent } from '../../spec/adapter.ts';
import { isStatusError } from '../../spec/objects/status.ts';
import type { KubespecWorld } from '../support/world.ts';

When('the administrator watches the config maps in namespace {string} from the remembered version', async function (this: KubespecWorld, namespace: string) {
  const events: WatchEvent[] = [];
  const endings: unknown[] = [];
  const handle = await this.client().watch('configmaps', { namespace, resourceVersion: this.notes.recall('version') }, (e) => {
    events.push(e);
  }, (error) => {
    endings.push(error);
  });
  this.notes.note('watch', { events, endings, handle });
  await this.cluster.settle();
});

Then('the watch delivers, in order:', async function (this: KubespecWorld, table: DataTable) {
  await this.eventually(async () => {
    const { events } = this.notes.recall('watch');
    const actual = events.map((e) => ({ type: e.type, mode: String((e.object.data as Record<string, string> | undefined)?.mode ?? '') }));
    assert.deepEqual(actual, table.hashes().map((r) => ({ type: r.type!, mode: r.mode! })));
  });
  this.notes.recall('watch').handle.stop();
});

Then('the watch is ended with code {int} and reason {string}, saying the remembered version is too old', async function (this: KubespecWorld, code: number, reason: string) {
  await this.eventually(async () => {
    const error = this.notes.recall('watch').endings[0];
    assert.ok(isStatusError(error), `the watch was not ended with a Status: ${String(error)}`);
    const status = error.status;
    assert.equal(status.code, code);
    assert.equal(status.reason, reason);
    assert.match(status.message, new RegExp(`^too old resource version: ${this.notes.recall('version')} \\(\\d+\\)$`));
  });
});
