/** How scenarios write durations: an amount with a unit, or a count of one of the cluster's periods. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NOTE_DEFAULTS, resolveSettings } from '../../spec/settings.ts';
import { DURATION_PATTERN, parseDuration, statesAnAmount } from './durations.ts';

const noSettings = () => {
  throw new Error('no cluster yet');
};
const whole = new RegExp(`^(?:${DURATION_PATTERN.source})$`);

test('an amount and a unit, in any of the ways a scenario writes them', () => {
  const examples: Array<[string, number]> = [
    ['40 seconds', 40_000],
    ['1 second', 1000],
    ['1 more second', 1000],
    ['1.5 s', 1500],
    ['500 ms', 500],
    ['5 minutes', 300_000],
    ['2 min', 120_000],
  ];
  for (const [text, ms] of examples) {
    assert.match(text, whole, text);
    assert.equal(parseDuration(text, noSettings), ms, text);
  }
});

test("a period is read from the cluster's effective settings", () => {
  const settings = () => resolveSettings({ nodeMonitorPeriodMs: 7000 });
  assert.equal(parseDuration('a node-monitor period', settings), 7000);
  assert.equal(parseDuration('two compaction intervals', settings), 2 * NOTE_DEFAULTS.etcdCompactionIntervalMs);
  assert.equal(parseDuration('3 node-monitor periods', settings), 21_000);
});

test('the timings of the node controller, the taint manager and the kubelet are named periods', () => {
  const settings = () => resolveSettings({ nodeMonitorGracePeriodMs: 4000, defaultTolerationSeconds: 10, nodeEvictionRate: 0.5 });
  const examples: Array<[string, number]> = [
    ['the grace period', 4000],
    ['the startup grace period', NOTE_DEFAULTS.nodeStartupGracePeriodMs],
    ['the toleration', 10_000],
    ['half the toleration', 5000],
    ['twice the toleration', 20_000],
    ['a Lease renewal period', NOTE_DEFAULTS.nodeLeaseRenewPeriodMs],
    ['the Lease duration', NOTE_DEFAULTS.nodeLeaseDurationSeconds * 1000],
    ['an eviction interval', 2000],
  ];
  for (const [text, ms] of examples) {
    assert.match(text, whole, text);
    assert.equal(parseDuration(text, settings), ms, text);
  }
});

test('terms joined by "and" add up', () => {
  const settings = () => resolveSettings({ nodeMonitorGracePeriodMs: 4000, defaultTolerationSeconds: 10 });
  for (const [text, ms] of [['the grace period and the toleration', 14_000], ['the grace period and 1 second', 5000]] as const) {
    assert.match(text, whole, text);
    assert.equal(parseDuration(text, settings), ms, text);
  }
});

test('an amount is told apart from a named period, also inside a sum', () => {
  assert.deepEqual(
    ['40 seconds', 'the grace period', 'the grace period and 1 second', 'two node-monitor periods'].map(statesAnAmount),
    [true, false, true, false],
  );
});

test('an amount needs no cluster; a period before the cluster exists is an error', () => {
  assert.equal(parseDuration('10 seconds', noSettings), 10_000);
  assert.throws(() => parseDuration('a node-monitor period', noSettings), /no cluster yet/);
});

test('anything else is refused with the forms it could have been', () => {
  for (const text of ['forty seconds', '10 fortnights', '5', 'a second', 'a gracious period', 'the grace period and']) {
    assert.doesNotMatch(text, whole, text);
    assert.throws(() => parseDuration(text, noSettings), /Expected a duration such as "40 seconds"/, text);
  }
});

test('every whole number of seconds, minutes or milliseconds reads back as what it says', () => {
  fc.assert(
    fc.property(fc.nat(100_000), fc.constantFrom(['seconds', 1000], ['minutes', 60_000], ['ms', 1]), (n, [unit, ms]) => {
      const text = `${n} ${unit}`;
      return whole.test(text) && parseDuration(text, noSettings) === n * (ms as number);
    }),
  );
});
