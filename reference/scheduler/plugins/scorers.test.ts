/** The three allocation scorers, against worked examples computed by hand from Kubernetes' formulas. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod } from '../framework/fixtures.ts';
import { balancedAllocation, balancedScore } from './balanced-allocation.ts';
import { leastAllocated, leastRequestedScore } from './least-allocated.ts';
import { mostAllocated, mostRequestedScore } from './most-allocated.ts';

test('LeastAllocated: what is left after the pod, as a share of allocatable, averaged over cpu and memory', () => {
  // cpu (4000 - 2000) * 100 / 4000 = 50; memory (8Gi - 4Gi) * 100 / 8Gi = 50.
  assert.equal(leastAllocated.score(pod({ cpu: '1', memory: '2Gi' }), node('n', { cpu: '4', memory: '8Gi' }, [{ cpu: '1', memory: '2Gi' }])), 50);
  // cpu (4000 - 1000) * 100 / 4000 = 75; memory (8Gi - 1Gi) * 100 / 8Gi = 87 (87.5, integer division); (75 + 87) / 2 = 81.
  assert.equal(leastAllocated.score(pod({ cpu: '1', memory: '1Gi' }), node('n', { cpu: '4', memory: '8Gi' })), 81);
});

test('LeastAllocated counts 100m and 200Mi for a pod with no requests (the non-zero defaults)', () => {
  // cpu (1000 - 100) * 100 / 1000 = 90; memory (1000Mi - 200Mi) * 100 / 1000Mi = 80; 85.
  assert.equal(leastAllocated.score(pod(undefined), node('n', { cpu: '1', memory: '1000Mi' })), 85);
  // ...and for the pods already on the node: two empty pods take 200m and 400Mi.
  assert.equal(leastAllocated.score(pod({ cpu: '0', memory: '0' }), node('n', { cpu: '1', memory: '1000Mi' }, [undefined, undefined])), 70);
});

test('LeastAllocated gives 0 for an over-committed or empty resource', () => {
  assert.equal(leastRequestedScore(5, 4), 0);
  assert.equal(leastRequestedScore(0, 0), 0);
  assert.equal(leastRequestedScore(1, 3), 66);
});

test('MostAllocated: requested share, capped at the capacity', () => {
  assert.equal(mostAllocated.score(pod({ cpu: '1', memory: '2Gi' }), node('n', { cpu: '4', memory: '8Gi' }, [{ cpu: '1', memory: '2Gi' }])), 50);
  assert.equal(mostRequestedScore(5, 4), 100);
  assert.equal(mostRequestedScore(1, 0), 0);
  assert.equal(mostRequestedScore(1, 3), 33);
});

test('BalancedAllocation: (1 - deviation of the requested fractions) * 100, truncated', () => {
  // fractions 0.25 (cpu) and 0.5 (memory): deviation 0.125, score 87.
  assert.equal(balancedAllocation.score(pod({ cpu: '1', memory: '4Gi' }), node('n', { cpu: '4', memory: '8Gi' })), 87);
  assert.equal(balancedAllocation.score(pod({ cpu: '2', memory: '4Gi' }), node('n', { cpu: '4', memory: '8Gi' })), 100);
  // Fractions over 1 are capped; three resources use the full standard deviation.
  assert.equal(balancedScore([{ requested: 8, allocatable: 4 }, { requested: 0, allocatable: 4 }]), 50);
  assert.equal(balancedScore([{ requested: 1, allocatable: 1 }, { requested: 0, allocatable: 1 }, { requested: 0, allocatable: 0 }]), 50);
  assert.equal(balancedScore([{ requested: 1, allocatable: 2 }, { requested: 0, allocatable: 2 }, { requested: 2, allocatable: 2 }]), 59);
});

test('BalancedAllocation does not score a pod that requests nothing (Kubernetes skips best-effort pods)', () => {
  assert.equal(balancedAllocation.score(pod(undefined), node('n', { cpu: '4', memory: '8Gi' }, [{ cpu: '3' }])), 0);
});
