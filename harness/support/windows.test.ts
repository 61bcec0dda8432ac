/**
 * Timed changes on either clock: a change is accepted from its boundary to
 * one node-monitor period after it (plus REAL_TIME_SLACK_MS on a real
 * clock), and refused on either side of that window.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../reference/runtime/clock.ts';
import { resolveSettings } from '../../spec/settings.ts';
import { REAL_TIME_SLACK_MS, until, within, type Instant } from './windows.ts';
import type { KubespecWorld } from './world.ts';

const PERIOD = 1000;
const settings = resolveSettings({ nodeMonitorPeriodMs: PERIOD });

/** Just what the window code reads of a World: the cluster's clock and settings, and letting time pass. */
function virtualWorld(): { world: KubespecWorld; clock: VirtualClock } {
  const clock = new VirtualClock();
  const world = { cluster: { clock, settings }, passTime: (ms: number) => clock.advance(ms) } as unknown as KubespecWorld;
  return { world, clock };
}

function realWorld(): { world: KubespecWorld; now: () => number } {
  const start = performance.now();
  const now = () => performance.now() - start;
  const world = { cluster: { clock: { now }, settings } } as unknown as KubespecWorld;
  return { world, now };
}

const at = (t: number): Instant => ({ earliest: t, latest: t });
const window = (since: Instant, afterMs: number) => ({ what: 'node "worker-1" is marked Unknown', since, sinceName: 'that heartbeat', afterMs });

test('virtual clock: a change at the boundary, or up to one period after it, is on time, and dated to the second', async () => {
  for (const lateBy of [0, PERIOD / 2, PERIOD]) {
    const { world, clock } = virtualWorld();
    const seen = await within(world, window(at(0), 4000), async () => clock.now() >= 4000 + lateBy);
    assert.equal(seen.latest, 4000 + Math.ceil(lateBy / 1000) * 1000, `late by ${lateBy} ms`);
  }
});

test('a moment the cluster notices later (a heartbeat heard at the next check) moves the end of the window, not its start', async () => {
  const { world, clock } = virtualWorld();
  const seen = await within(world, { ...window(at(0), 4000), noticedWithinMs: PERIOD }, async () => clock.now() >= 4000 + 2 * PERIOD);
  assert.equal(seen.latest, 4000 + 2 * PERIOD);
  const early = virtualWorld();
  await assert.rejects(within(early.world, { ...window(at(0), 4000), noticedWithinMs: PERIOD }, async () => early.clock.now() >= 3999), /before the window/);
});

test('virtual clock: a change 1 ms before the boundary is too early, one more than a period after it too late', async () => {
  const early = virtualWorld();
  await assert.rejects(within(early.world, window(at(0), 4000), async () => early.clock.now() >= 3999), /already at 4\.0 s after that heartbeat, before the window/);
  const late = virtualWorld();
  await assert.rejects(within(late.world, window(at(0), 4000), async () => late.clock.now() >= 4000 + PERIOD + 1), /not yet at 5\.0 s after that heartbeat/);
});

test('virtual clock: waiting for something moves time a second at a time and says when it was seen', async () => {
  const { world, clock } = virtualWorld();
  assert.deepEqual(await until(world, 'the taint', async () => clock.now() >= 2500), at(3000));
});

test('real clock: a change inside the window is on time, and is dated between the last look that missed it and the first that saw it', async () => {
  const { world, now } = realWorld();
  const seen = await within(world, window(at(0), 300), async () => now() >= 400);
  assert.ok(seen.earliest < 400 && seen.latest >= 400, JSON.stringify(seen));
});

test('real clock: a change seen before the window opens is too early', async () => {
  const { world, now } = realWorld();
  await assert.rejects(within(world, window(at(0), 300), async () => now() >= 100), /before the window \(0\.3 s after that heartbeat, by/);
});

test('real clock: a change still missing one period and the slack after the boundary is too late', async () => {
  const { world } = realWorld();
  const started = performance.now();
  await assert.rejects(within(world, window(at(0), 100), async () => false), /past the window/);
  assert.ok(performance.now() - started >= 100 + PERIOD + REAL_TIME_SLACK_MS);
});

test('real clock: a moment known only to an interval counts from its earliest for "too early" and its latest for "too late"', async () => {
  const { world, now } = realWorld();
  // The heartbeat came between 0 and 200 ms: a change at 350 ms may be 300 ms after it.
  const seen = await within(world, window({ earliest: 0, latest: 200 }, 300), async () => now() >= 350);
  assert.ok(seen.latest >= 350);
});
