/** The virtual clock fires every timer once, in time order, however the timers were set. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { VirtualClock } from './clock.ts';
import { WorkTracker } from './work-tracker.ts';

test('timers fire in time order and exactly once, whatever order they were set in', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 40 }),
      fc.array(fc.integer({ min: 1, max: 4_000 }), { minLength: 1, maxLength: 8 }),
      async (delays, steps) => {
        const clock = new VirtualClock(new WorkTracker());
        const fired: Array<{ id: number; at: number; due: number }> = [];
        delays.forEach((delay, id) => clock.after(delay, () => fired.push({ id, at: clock.now(), due: delay })));
        for (const step of steps) await clock.advance(step);
        await clock.advance(10_000);
        assert.equal(fired.length, delays.length, 'every timer fired');
        assert.equal(new Set(fired.map((f) => f.id)).size, delays.length, 'none fired twice');
        for (const f of fired) assert.equal(f.at, f.due, 'a timer fires at its due time, not at the end of a step');
        for (let i = 1; i < fired.length; i++) {
          const [a, b] = [fired[i - 1]!, fired[i]!];
          assert.ok(a.due < b.due || (a.due === b.due && a.id < b.id), 'fired in (due, creation) order');
        }
      },
    ),
    { numRuns: 200 },
  );
});

test('a timer set by a firing timer fires in the same advance when it falls due', async () => {
  const clock = new VirtualClock();
  const log: number[] = [];
  clock.after(1000, () => clock.after(500, () => log.push(clock.now())));
  await clock.advance(1500);
  assert.deepEqual(log, [1500]);
});

test('every() repeats at its period and stops when cancelled', async () => {
  const clock = new VirtualClock();
  const ticks: number[] = [];
  const cancel = clock.every(5000, () => ticks.push(clock.now()));
  await clock.advance(16_000);
  cancel();
  await clock.advance(20_000);
  assert.deepEqual(ticks, [5000, 10_000, 15_000]);
});

test('advance waits for the work a timer starts before firing the next', async () => {
  const work = new WorkTracker();
  const clock = new VirtualClock(work);
  const order: string[] = [];
  clock.after(10, async () => {
    await new Promise((resolve) => setTimeout(resolve, 5)); // real I/O-like delay
    order.push('first finished');
  });
  clock.after(20, () => order.push('second started'));
  await clock.advance(30);
  assert.deepEqual(order, ['first finished', 'second started']);
});

test('a cancelled timer never fires, and bad delays are refused with a clear message', async () => {
  const clock = new VirtualClock();
  let fired = false;
  const cancel = clock.after(100, () => (fired = true));
  cancel();
  await clock.advance(1000);
  assert.equal(fired, false);
  assert.throws(() => clock.after(-1, () => {}), /finite number >= 0, got -1/);
  await assert.rejects(clock.advance(Number.NaN), /finite number >= 0/);
});

test('timestamps count from a fixed epoch: RFC 3339 in whole seconds, micro time for Leases', async () => {
  const clock = new VirtualClock();
  await clock.advance(40_500);
  assert.equal(clock.timestamp(), '2026-01-01T00:00:40Z');
  assert.equal(clock.microTimestamp(), '2026-01-01T00:00:40.500000Z');
});
