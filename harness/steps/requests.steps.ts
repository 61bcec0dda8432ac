/** What a refused request answered: a Kubernetes Status with its code and reason. */
import { Then } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { KubespecWorld } from '../support/world.ts';

Then('the request is refused with code {int} and reason {string}', function (this: KubespecWorld, code: number, reason: string) {
  assert.ok(this.lastError, 'the request was not refused');
  assert.equal(this.lastError.status.kind, 'Status');
  assert.equal(this.lastError.status.code, code, this.lastError.status.message);
  assert.equal(this.lastError.status.reason, reason, this.lastError.status.message);
});

Then('the refusal says {string}', function (this: KubespecWorld, message: string) {
  assert.ok(this.lastError, 'the request was not refused');
  assert.equal(this.lastError.status.message, message);
});
