/** What a real-clock cluster is asked for: each timing a scenario names, scaled by its own ratio to the note's. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NOTE_DEFAULTS, resolveSettings } from '../../spec/settings.ts';
import { REAL_TIME_BASE, runsTheNotesTimings, scaledForRealTime } from './real-time-settings.ts';

test("asking for nothing gets the real-time base: the note's 5 s / 40 s / 300 s become 1 s / 4 s / 10 s", () => {
  const scaled = scaledForRealTime({});
  assert.deepEqual(
    [scaled.nodeMonitorPeriodMs, scaled.nodeMonitorGracePeriodMs, scaled.defaultTolerationSeconds, scaled.nodeStatusUpdatePeriodMs],
    [1000, 4000, 10, 1000],
  );
});

test("a value a scenario names keeps its ratio to the note's: Kubernetes 1.32's 50 s grace is 5 s, a one-minute toleration 2 s", () => {
  const scaled = scaledForRealTime({ nodeMonitorPeriodMs: 5000, nodeMonitorGracePeriodMs: 50_000, defaultTolerationSeconds: 60 });
  assert.deepEqual([scaled.nodeMonitorPeriodMs, scaled.nodeMonitorGracePeriodMs, scaled.defaultTolerationSeconds], [1000, 5000, 2]);
});

test('settings that are not timings pass through untouched', () => {
  const scaled = scaledForRealTime({ schedulerProfile: 'kubernetes', anonymousAuth: true, etcdCompactionIntervalMs: 60_000 });
  assert.deepEqual([scaled.schedulerProfile, scaled.anonymousAuth, scaled.etcdCompactionIntervalMs], ['kubernetes', true, 60_000]);
});

test('a toleration of 0 (evict at once) stays 0; any other scaled timing is at least one unit', () => {
  assert.equal(scaledForRealTime({ defaultTolerationSeconds: 0 }).defaultTolerationSeconds, 0);
  assert.equal(scaledForRealTime({ defaultTolerationSeconds: 1 }).defaultTolerationSeconds, 1);
  assert.equal(scaledForRealTime({ nodeMonitorPeriodMs: 1 }).nodeMonitorPeriodMs, 1);
});

test('a longer timing asked for is never scaled to a shorter one', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 3_600_000 }), fc.integer({ min: 1, max: 3_600_000 }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return scaledForRealTime({ nodeMonitorGracePeriodMs: lo }).nodeMonitorGracePeriodMs! <= scaledForRealTime({ nodeMonitorGracePeriodMs: hi }).nodeMonitorGracePeriodMs!;
    }),
  );
});

test("only a cluster on the note's timings takes an amount of time at its word", () => {
  assert.equal(runsTheNotesTimings(resolveSettings({})), true);
  assert.equal(runsTheNotesTimings(resolveSettings(scaledForRealTime({}))), false);
  assert.equal(runsTheNotesTimings(resolveSettings({ nodeMonitorGracePeriodMs: 50_000 })), false);
  assert.equal(runsTheNotesTimings(resolveSettings({ schedulerProfile: 'kubernetes' })), true);
  assert.ok(Object.keys(REAL_TIME_BASE).every((k) => k in NOTE_DEFAULTS));
});
