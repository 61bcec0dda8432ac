/** The matrix gives every catalogue entry a row, with each adapter's verdicts in its own column. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { behaviourCoverage, behaviourMatrix } from './behaviour-matrix.ts';
import type { Behaviour } from '../catalogue/catalogue.ts';

const catalogue: Behaviour[] = [
  { id: 'scheduler.filters-by-free-resources', seed: ['S2'], component: 'kube-scheduler', statement: 'Nodes short of CPU or memory are filtered out.' },
  { id: 'store.member-per-control-plane-node', seed: ['E3'], component: 'etcd', statement: 'Each control-plane node runs its own etcd member.' },
];
const scenario = (tag: string, verdict: 'passed' | 'failed' | 'skipped') => ({ name: 's', uri: 'f', tags: [`@${tag}`], verdict });

test('each entry is a row with its claims, its scenario count and each adapter\'s verdicts', () => {
  const text = behaviourMatrix(catalogue, new Map([['scheduler.filters-by-free-resources', 2]]), [
    ['reference', [scenario('scheduler.filters-by-free-resources', 'passed'), scenario('scheduler.filters-by-free-resources', 'passed'), scenario('store.member-per-control-plane-node', 'failed')]],
    ['http', [scenario('scheduler.filters-by-free-resources', 'passed'), scenario('store.member-per-control-plane-node', 'skipped')]],
  ]);
  const rows = text.split('\n').filter((l) => l.startsWith('| `'));
  assert.deepEqual(rows, [
    '| `scheduler.filters-by-free-resources` | S2 | 2 | 2 ✔ | 1 ✔ |',
    '| `store.member-per-control-plane-node` | E3 | 0 | 1 ✘ | 1 skipped |',
  ]);
  assert.match(text, /\| behaviour \| note \| scenarios written \| reference \| http \|/);
});

test('an adapter that ran no scenario of an entry shows a dash, not a pass', () => {
  const text = behaviourMatrix(catalogue, new Map(), [['reference', []]]);
  assert.match(text, /`scheduler.filters-by-free-resources` \| S2 \| 0 \| – \|/);
});

test('the JSON form gives each entry its claims, and per adapter its counts and skip reasons', () => {
  const skipped = { ...scenario('store.member-per-control-plane-node', 'skipped'), detail: 'skipped: adapter "http" lacks stacked-etcd' };
  const json = behaviourCoverage(catalogue, new Map([['scheduler.filters-by-free-resources', 2]]), [
    ['reference', [scenario('scheduler.filters-by-free-resources', 'passed'), scenario('scheduler.filters-by-free-resources', 'failed')]],
    ['http', [skipped]],
  ]);
  assert.deepEqual(json[0], {
    id: 'scheduler.filters-by-free-resources',
    component: 'kube-scheduler',
    statement: 'Nodes short of CPU or memory are filtered out.',
    claims: ['S2'],
    scenarios: 2,
    adapters: { reference: { passed: 1, failed: 1, skipped: 0, skipReasons: {} }, http: { passed: 0, failed: 0, skipped: 0, skipReasons: {} } },
  });
  assert.deepEqual(json[1]!.adapters.http, { passed: 0, failed: 0, skipped: 1, skipReasons: { 'skipped: adapter "http" lacks stacked-etcd': 1 } });
});
