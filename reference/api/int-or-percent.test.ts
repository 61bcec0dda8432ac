/** Counts of pods given as a number or a percentage, as disruption budgets give them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isPercent, scaledValue } from './int-or-percent.ts';

test('an integer is a count, whatever the total', () => {
  assert.equal(scaledValue(2, 10, true), 2);
  assert.equal(scaledValue(0, 3, false), 0);
});

test('a percentage is a share of the total, rounded the way the caller asks', () => {
  assert.equal(scaledValue('50%', 3, true), 2);
  assert.equal(scaledValue('50%', 3, false), 1);
  assert.equal(scaledValue('100%', 7, false), 7);
});

test('a string that is no percentage is refused with the message Kubernetes gives', () => {
  assert.equal(isPercent('half'), false);
  assert.throws(() => scaledValue('half', 4, true), /invalid value for IntOrString: invalid type: string is not a percentage/);
});

test('rounding up never gives less than rounding down, and neither leaves 0..total', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1000 }), (pct, total) => {
      const [down, up] = [scaledValue(`${pct}%`, total, false), scaledValue(`${pct}%`, total, true)];
      assert.ok(down <= up && up - down <= 1 && down >= 0 && up <= total);
    }),
  );
});
