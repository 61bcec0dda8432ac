/**
 * Namespaces that can be deleted (A1, C1, C7): a deleted namespace shows
 * Terminating and keeps the namespace controller's finalizer until that
 * controller has emptied it; then it is gone.
 */
import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Namespace } from '../../spec/objects/namespace.ts';
import { isNotFound } from '../../spec/objects/status.ts';
import { until } from '../support/windows.ts';
import type { KubespecWorld } from '../support/world.ts';

type NamespaceObject = Namespace & KubeObject;
const getNamespace = (world: KubespecWorld, name: string) => world.client().get<NamespaceObject>('namespaces', name);

Then('namespace {string} is {word}, with the finalizer {string}', async function (this: KubespecWorld, name: string, phase: string, finalizer: string) {
  await this.eventually(async () => {
    const ns = await getNamespace(this, name);
    assert.equal(ns.status?.phase, phase);
    assert.equal(Boolean(ns.metadata.deletionTimestamp), phase === 'Terminating', `deletionTimestamp: ${ns.metadata.deletionTimestamp}`);
    assert.deepEqual(ns.spec?.finalizers, [finalizer]);
  });
});

/** Time passes a second at a time until the namespace is gone (the controller first looks 5 s after the delete). */
When('the namespace controller has removed namespace {string}', async function (this: KubespecWorld, name: string) {
  await until(this, `the removal of namespace "${name}"`, async () => {
    try {
      await getNamespace(this, name);
      return false;
    } catch (e) {
      if (isNotFound(e)) return true;
      throw e;
    }
  }, 5 * 60_000);
});

Then('namespace {string} holds no {word} any more', async function (this: KubespecWorld, namespace: string, resource: string) {
  await this.eventually(async () => {
    const left = (await this.client().list(resource, { namespace })).items;
    assert.deepEqual(left.map((o) => o.metadata.name), [], `${resource} left in namespace "${namespace}"`);
  });
});
