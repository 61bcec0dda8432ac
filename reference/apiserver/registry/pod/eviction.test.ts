/**
 * pods/eviction as a client of an api-server alone (no controllers: each
 * test writes the budget's status itself, as the disruption controller
 * would), following EvictionREST case by case.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../../../../spec/adapter.ts';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import { ReferenceCluster } from '../../../cluster.ts';
import { refusal } from '../refusal.ts';

let cluster: ReferenceCluster;
let admin: ApiClient;
const ns = { namespace: 'default' };

before(async () => {
  cluster = new ReferenceCluster();
  await cluster.apiserver.start();
  admin = cluster.client();
});
after(() => cluster.stop());

/** A pod of `app`, bound to worker-1, in the phase and readiness given (written through pods/status). */
async function pod(name: string, app: string, phase = 'Running', ready = true): Promise<void> {
  const created = await admin.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app } }, spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx:1.27' }] } } as KubeObject, ns);
  await admin.update('pods', { ...created, status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } }, { ...ns, subresource: 'status' });
}

/** A budget over `app` with the status the disruption controller would have written. */
async function budget(name: string, app: string, status: Record<string, unknown>, spec: Record<string, unknown> = { minAvailable: 1 }): Promise<void> {
  const created = await admin.create('poddisruptionbudgets', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { selector: { matchLabels: { app } }, ...spec } } as KubeObject, ns);
  await admin.update('poddisruptionbudgets', { ...created, status: { observedGeneration: 1, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0, ...status } }, { ...ns, subresource: 'status' });
}

const evict = (name: string, body: Record<string, unknown> = {}) =>
  admin.create('pods', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' }, ...body } as KubeObject, { ...ns, name, subresource: 'eviction' });
const exists = async (name: string) => (await admin.list('pods', ns)).items.some((p) => p.metadata.name === name);
const statusOf = async (name: string) => (await admin.get<KubeObject & { status: Record<string, unknown> & { disruptedPods?: Record<string, string> } }>('poddisruptionbudgets', name, ns)).status;

describe('an eviction', () => {
  it('must name the pod of the URL, and be an Eviction', async () => {
    await pod('named', 'named');
    const e = await refusal(admin.create('pods', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'other' } } as KubeObject, { ...ns, name: 'named', subresource: 'eviction' }));
    assert.deepEqual([e.code, e.message], [400, 'name in URL does not match name in Eviction object']);
    const wrong = await refusal(evict('named', { deleteOptions: { gracePeriodSeconds: 'soon' } }));
    // Decoded as Go decodes it: a string where an int64 goes is a 400 before anything is looked at.
    assert.deepEqual([wrong.code, wrong.reason], [400, 'BadRequest']);
    assert.match(wrong.message, /^Eviction in version "v1" cannot be handled as a Eviction: /);
    assert.ok(await exists('named'));
  });

  it('of a pod no budget covers deletes it (bound, so marked for its kubelet), saying why: DisruptionTarget', async () => {
    await pod('free', 'free');
    const answer = await evict('free');
    assert.deepEqual([answer.kind, (answer as { status?: string }).status], ['Status', 'Success']);
    const marked = await admin.get<KubeObject & { status: { conditions: Array<{ type: string; reason?: string }> } }>('pods', 'free', ns);
    assert.ok(marked.metadata.deletionTimestamp);
    assert.ok(marked.status.conditions.some((c) => c.type === 'DisruptionTarget' && c.reason === 'EvictionByEvictionAPI'));
  });

  it('takes one disruption from the budget and notes the pod in disruptedPods', async () => {
    await pod('a1', 'a');
    await budget('a', 'a', { currentHealthy: 2, desiredHealthy: 1, expectedPods: 2, disruptionsAllowed: 1 });
    await evict('a1');
    const status = await statusOf('a');
    assert.equal(status.disruptionsAllowed, 0);
    assert.deepEqual(Object.keys(status.disruptedPods ?? {}), ['a1']);
    assert.deepEqual((status.conditions as Array<{ type: string; status: string; reason: string }>).map((c) => [c.type, c.status, c.reason]), [['DisruptionAllowed', 'False', 'InsufficientPods']]);
  });

  it('is refused with 429 while the budget allows no disruption, saying how many healthy pods it needs', async () => {
    await pod('b1', 'b');
    await budget('b', 'b', { currentHealthy: 1, desiredHealthy: 1, expectedPods: 1, disruptionsAllowed: 0 });
    const e = await refusal(evict('b1'));
    assert.deepEqual([e.code, e.reason, e.message], [429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget."]);
    assert.deepEqual(e.status.details?.causes, [{ type: 'DisruptionBudget', message: 'The disruption budget b needs 1 healthy pods and has 1 currently' }]);
    assert.equal(e.status.details?.retryAfterSeconds, undefined, 'no Retry-After: the client decides when to try again');
    assert.ok(await exists('b1'));
  });

  it('is refused with 429 and Retry-After 10 while the controller has not seen the budget as it is', async () => {
    await pod('c1', 'c');
    await budget('c', 'c', { observedGeneration: 0, disruptionsAllowed: 5 });
    const e = await refusal(evict('c1'));
    assert.deepEqual([e.code, e.status.details?.retryAfterSeconds], [429, 10]);
    assert.equal(e.status.details?.causes?.[0]?.message, 'The disruption budget c is still being processed by the server.');
  });

  it('is forbidden while more than 2000 approved evictions await the controller', async () => {
    await pod('d1', 'd');
    const awaited = Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`gone-${i}`, '2026-01-01T00:00:00Z']));
    await budget('d', 'd', { disruptionsAllowed: 3, disruptedPods: awaited });
    const e = await refusal(evict('d1'));
    assert.deepEqual([e.code, e.message], [403, 'poddisruptionbudget.policy "d" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller']);
  });

  it('fails with 500 when two budgets cover the pod', async () => {
    await pod('e1', 'e');
    await budget('e-one', 'e', { disruptionsAllowed: 1 });
    await budget('e-two', 'e', { disruptionsAllowed: 1 });
    const e = await refusal(evict('e1'));
    assert.deepEqual([e.code, e.message], [500, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.']);
  });

  it('of a pod that is not running ignores the budget: Pending, finished', async () => {
    await budget('f', 'f', { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 2 });
    await pod('f-pending', 'f', 'Pending', false);
    await pod('f-done', 'f', 'Succeeded', false);
    await evict('f-pending');
    await evict('f-done');
    assert.equal(await exists('f-done'), false, 'a finished pod is removed at once');
    assert.equal((await statusOf('f')).disruptionsAllowed, 0);
  });

  it('of an unready pod takes nothing from a budget that has the healthy pods it wants (IfHealthyBudget)', async () => {
    await pod('g1', 'g', 'Running', false);
    await budget('g', 'g', { currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0 });
    await evict('g1');
    assert.equal((await statusOf('g')).disruptionsAllowed, 0);
    assert.equal((await statusOf('g')).disruptedPods, undefined);
  });

  it('of an unready pod is refused when the budget is short of healthy pods, unless it says AlwaysAllow', async () => {
    await pod('h1', 'h', 'Running', false);
    await budget('h', 'h', { currentHealthy: 1, desiredHealthy: 2, disruptionsAllowed: 0 });
    assert.equal((await refusal(evict('h1'))).code, 429);
    await pod('i1', 'i', 'Running', false);
    await budget('i', 'i', { currentHealthy: 1, desiredHealthy: 2, disruptionsAllowed: 0 }, { minAvailable: 2, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    await evict('i1');
  });

  it('needs create on pods/eviction', async () => {
    await pod('j1', 'j');
    const nobody = cluster.client({ user: 'nobody' });
    const e = await refusal(nobody.create('pods', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'j1' } } as KubeObject, { ...ns, name: 'j1', subresource: 'eviction' }));
    assert.deepEqual([e.code, e.message], [403, 'pods "j1" is forbidden: User "nobody" cannot create resource "pods/eviction" in API group "" in the namespace "default"']);
  });
});
