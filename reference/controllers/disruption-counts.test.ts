/** What the disruption controller counts, from a budget, its pods and the time. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awaitedEvictions, countsOf, currentHealthy, DELETION_TIMEOUT_MS, expectedCount, type BudgetObject, type ScaleOf } from './disruption-counts.ts';
import type { PodObject } from './node-writes.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const pod = (name: string, opts: { ready?: boolean; deleting?: boolean; owner?: string } = {}): PodObject => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, namespace: 'default', ...(opts.deleting ? { deletionTimestamp: at(0) } : {}), ...(opts.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: opts.owner, uid: `uid-${opts.owner}`, controller: true }] } : {}) },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
}) as PodObject;
const budget = (spec: BudgetObject['spec'], disruptedPods?: Record<string, string>): BudgetObject => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default', generation: 1 }, spec, ...(disruptedPods ? { status: { disruptedPods } } : {}),
}) as BudgetObject;
/** Every ReplicaSet wants 4 replicas. */
const scaleOf: ScaleOf = async (p) => ({ uid: p.metadata.ownerReferences![0]!.uid, replicas: 4 });

describe('the pods a budget expects, and the healthy ones it wants', () => {
  const three = [pod('a', { owner: 'web' }), pod('b', { owner: 'web' }), pod('c', { owner: 'web' })];

  it('minAvailable as a count: the pods selected, and that many healthy', async () => {
    assert.deepEqual(await expectedCount(budget({ minAvailable: 2 }), three, scaleOf), { expectedPods: 3, desiredHealthy: 2, unmanaged: [] });
  });

  it("a percentage, or maxUnavailable: the controllers' scale, each controller once, percentages rounded up", async () => {
    assert.deepEqual(await expectedCount(budget({ minAvailable: '50%' }), three, scaleOf), { expectedPods: 4, desiredHealthy: 2, unmanaged: [] });
    assert.deepEqual(await expectedCount(budget({ maxUnavailable: 1 }), three, scaleOf), { expectedPods: 4, desiredHealthy: 3, unmanaged: [] });
    assert.deepEqual(await expectedCount(budget({ maxUnavailable: '30%' }), three, scaleOf), { expectedPods: 4, desiredHealthy: 2, unmanaged: [] });
  });

  it('a pod with no controller is unmanaged; a controller that cannot be found is an error', async () => {
    assert.deepEqual((await expectedCount(budget({ maxUnavailable: 1 }), [...three, pod('bare')], scaleOf)).unmanaged, ['bare']);
    await assert.rejects(expectedCount(budget({ maxUnavailable: 1 }), three, async () => undefined), /found no controllers for pod "a"/);
  });
});

describe('the healthy pods and the disruptions allowed', () => {
  it('counts Ready pods that are not being deleted and were not just approved for eviction', () => {
    const pods = [pod('a'), pod('b', { ready: false }), pod('c', { deleting: true }), pod('d'), pod('e')];
    assert.equal(currentHealthy(pods, { d: at(0) }, T0 + 1000), 2);
    assert.equal(currentHealthy(pods, { d: at(0) }, T0 + DELETION_TIMEOUT_MS + 1000), 3, 'an approval older than the timeout no longer counts');
  });

  it('forgets approved evictions whose pod is being deleted, flags those never carried out, and says when to look again', () => {
    const pods = [pod('a', { deleting: true }), pod('b'), pod('c')];
    const { awaited, overdue, recheckAtMs } = awaitedEvictions(budget({ minAvailable: 1 }, { a: at(0), b: at(-DELETION_TIMEOUT_MS - 1000), c: at(10_000) }), pods, T0 + 20_000);
    assert.deepEqual(awaited, { c: at(10_000) });
    assert.deepEqual(overdue.map((p) => p.metadata.name), ['b']);
    assert.equal(recheckAtMs, T0 + 10_000 + DELETION_TIMEOUT_MS);
  });

  it('allows healthy minus wanted, never below 0, and none while no pod is expected', () => {
    assert.equal(countsOf({ expectedPods: 3, desiredHealthy: 2, unmanaged: [] }, 3, {}, 1).disruptionsAllowed, 1);
    assert.equal(countsOf({ expectedPods: 3, desiredHealthy: 2, unmanaged: [] }, 1, {}, 1).disruptionsAllowed, 0);
    assert.equal(countsOf({ expectedPods: 0, desiredHealthy: 0, unmanaged: [] }, 2, {}, 1).disruptionsAllowed, 0);
    assert.deepEqual(countsOf({ expectedPods: 3, desiredHealthy: 2, unmanaged: [] }, 3, { x: at(0) }, 4), {
      currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1, disruptedPods: { x: at(0) }, observedGeneration: 4,
    });
  });
});
