import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from './evaluate.ts';
import { fitErrorMessage } from './failure-message.ts';
import { node, pod } from './framework/fixtures.ts';
import { PROFILES, profileNamed } from './profiles.ts';
import { numFeasibleNodesToFind } from './sampling.ts';

test('filter, then rank by what is left: the roomiest node that fits wins', () => {
  const nodes = [node('small', { cpu: '1' }), node('busy', { cpu: '8' }, [{ cpu: '6' }]), node('roomy', { cpu: '8' })];
  const e = evaluate(pod({ cpu: '2', memory: '1Gi' }), nodes, PROFILES.note);
  assert.equal(e.selected, 'roomy');
  assert.deepEqual(e.nodes.map((n) => [n.name, n.feasible, n.reasons]), [
    ['small', false, ['Insufficient cpu']],
    ['busy', true, []],
    ['roomy', true, []],
  ]);
  assert.deepEqual(e.nodes[2]!.scores, { NodeResourcesLeastAllocated: 81 });
  assert.equal(e.nodes[0]!.total, null);
});

test('the first filter that says no decides the node\'s reasons', () => {
  const e = evaluate(pod({ cpu: '64' }), [node('cordoned', { unschedulable: true })], PROFILES.note);
  assert.deepEqual(e.nodes[0]!.reasons, ['node(s) were unschedulable']);
});

test('no node fits: Kubernetes\' message, a sorted histogram of reasons', () => {
  const nodes = [node('a', { cpu: '1' }), node('b', { memory: '1Gi' }), node('c', { cpu: '1' })];
  const e = evaluate(pod({ cpu: '2', memory: '2Gi' }), nodes, PROFILES.note);
  assert.equal(e.selected, null);
  assert.equal(e.failure, '0/3 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.');
  assert.equal(evaluate(pod({}), [], PROFILES.note).failure, 'no nodes available to schedule pods');
  assert.equal(fitErrorMessage(12, [...Array(10).fill(['Too many pods']), ['Insufficient cpu'], ['Insufficient cpu']]), '0/12 nodes are available: 10 Too many pods, 2 Insufficient cpu.');
});

test('equal nodes tie, and the pick chooses among them only', () => {
  const nodes = [node('a'), node('b'), node('c', { cpu: '1' })];
  const picks: number[] = [];
  const e = evaluate(pod({ cpu: '1' }), nodes, PROFILES.note, { pick: (n) => (picks.push(n), 1) });
  assert.deepEqual(picks, [2]);
  assert.equal(e.selected, 'b');
});

test('the kubernetes profile adds BalancedAllocation, which can change the winner', () => {
  // LeastAllocated: a = (50 + 93) / 2 = 71, b = (75 + 75) / 2 = 75... b wins either way; c shows the balance term.
  const nodes = [node('cpu-heavy', { cpu: '4', memory: '16Gi' }, [{ cpu: '3' }]), node('even', { cpu: '4', memory: '16Gi' }, [{ cpu: '1', memory: '4Gi' }])];
  const e = evaluate(pod({ cpu: '500m', memory: '1Gi' }), nodes, profileNamed('kubernetes'));
  const even = e.nodes.find((n) => n.name === 'even')!;
  assert.deepEqual(Object.keys(even.scores), ['NodeResourcesLeastAllocated', 'NodeResourcesBalancedAllocation']);
  assert.equal(even.total, even.scores.NodeResourcesLeastAllocated! + even.scores.NodeResourcesBalancedAllocation!);
  assert.equal(e.selected, 'even');
  assert.throws(() => profileNamed('fastest'), /Expected a scheduler profile \(note, kubernetes\), got "fastest"/);
});

test('numFeasibleNodesToFind: all under 100, then 50 - n/125 percent, at least 5 % and at least 100', () => {
  assert.equal(numFeasibleNodesToFind(99), 99);
  assert.equal(numFeasibleNodesToFind(100), 100);
  assert.equal(numFeasibleNodesToFind(200), 100);
  assert.equal(numFeasibleNodesToFind(500), 230);
  assert.equal(numFeasibleNodesToFind(1000), 420);
  assert.equal(numFeasibleNodesToFind(5000), 500);
  assert.equal(numFeasibleNodesToFind(6000), 300);
  assert.equal(numFeasibleNodesToFind(1000, 10), 100);
});

test('sampling stops once enough feasible nodes are found and the next cycle starts where this one stopped', () => {
  const nodes = Array.from({ length: 300 }, (_, i) => node(`n${i}`));
  const first = evaluate(pod({ cpu: '1' }), nodes, PROFILES.note, { startIndex: 0 });
  // 300 nodes: 50 - 300/125 = 48 %, 144 nodes.
  assert.equal(first.nodes.length, 144);
  assert.equal(first.nextStartIndex, 144);
  const third = evaluate(pod({ cpu: '1' }), nodes, PROFILES.note, { startIndex: 250 });
  assert.deepEqual([third.nodes[0]!.name, third.nodes.at(-1)!.name, third.nextStartIndex], ['n250', 'n93', 94]);
});

test('without a pick, a tie goes to the first of the best nodes in the order they were checked, as kube-scheduler 1.37 does', () => {
  const nodes = [node('small', { cpu: '2' }), node('a', { cpu: '4' }), node('b', { cpu: '4' })];
  assert.equal(evaluate(pod({ cpu: '1' }), nodes, PROFILES.note).selected, 'a');
  assert.equal(evaluate(pod({ cpu: '1' }), nodes, PROFILES.note, { startIndex: 2 }).selected, 'b');
});
