import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Condition } from '../../spec/objects/meta.ts';
import { computeZoneState, zoneKey, zoneRate } from './zone-states.ts';

const c = (status: Condition['status']): Condition => ({ type: 'Ready', status });
const rates = { nodeEvictionRate: 0.1, secondaryNodeEvictionRate: 0.01, largeClusterSizeThreshold: 50 };

test('zone states as ComputeZoneState defines them', () => {
  assert.equal(computeZoneState([c('Unknown'), c('False')], 0.55).state, 'FullDisruption');
  assert.equal(computeZoneState([c('Unknown'), undefined, c('False'), c('True')], 0.55).state, 'PartialDisruption');
  assert.equal(computeZoneState([c('Unknown'), c('Unknown'), c('True')], 0.55).state, 'Normal', 'two not ready is never partial');
  assert.equal(computeZoneState([c('Unknown'), c('Unknown'), c('Unknown'), c('True'), c('True'), c('True')], 0.55).state, 'Normal', '50 % is under the threshold');
  assert.equal(computeZoneState([], 0.55).state, 'Normal');
});

test('rates per state: normal and full disruption keep the eviction rate, partial slows or stops', () => {
  assert.equal(zoneRate('Normal', 3, rates), 0.1);
  assert.equal(zoneRate('FullDisruption', 3, rates), 0.1);
  assert.equal(zoneRate('PartialDisruption', 3, rates), 0);
  assert.equal(zoneRate('PartialDisruption', 51, rates), 0.01);
});

test('zone keys from the topology labels; none means the one unnamed zone', () => {
  assert.equal(zoneKey({ metadata: {} }), '');
  assert.equal(zoneKey({ metadata: { labels: { 'topology.kubernetes.io/zone': 'a' } } }), ':\x00:a');
  assert.equal(zoneKey({ metadata: { labels: { 'topology.kubernetes.io/region': 'r', 'topology.kubernetes.io/zone': 'a' } } }), 'r:\x00:a');
});
