/**
 * Go's time.Parse for metav1.Time and MicroTime. The messages are
 * kube-apiserver v1.37.2's answers to the same creationTimestamp values.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseGoTime } from './go-time.ts';

const refusalMessages = new Map([
  ['2024-13-01T00:00:00Z', 'parsing time "2024-13-01T00:00:00Z": month out of range'],
  ['2024-01-01T00:00:00Zjunk', 'parsing time "2024-01-01T00:00:00Zjunk": extra text: "junk"'],
  ['2024-01-01T00:00:00', 'parsing time "2024-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'],
  ['2024-02-30T00:00:00Z', 'parsing time "2024-02-30T00:00:00Z": day out of range'],
  ['2024-02-01T24:00:00Z', 'parsing time "2024-02-01T24:00:00Z": hour out of range'],
  ['é2024', 'parsing time "\\xc3\\xa92024" as "2006-01-02T15:04:05Z07:00": cannot parse "\\xc3\\xa92024" as "2006"'],
  ['2024-02-01T00:00:00+25:00', 'parsing time "2024-02-01T00:00:00+25:00": time zone offset hour out of range'],
  ['2024-02-01t00:00:00z', 'parsing time "2024-02-01t00:00:00z" as "2006-01-02T15:04:05Z07:00": cannot parse "t00:00:00z" as "T"'],
  ['x', 'parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"'],
]);

test('refuses what Go refuses, in Go\'s words', () => {
  for (const [value, message] of refusalMessages) assert.throws(() => parseGoTime(value, 'time'), { message });
  assert.throws(() => parseGoTime('2024-01-01T00:00:00Z', 'micro-time'), { message: 'parsing time "2024-01-01T00:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"' });
});

test('writes a Time back in UTC to the second, and a MicroTime to the microsecond', () => {
  assert.equal(parseGoTime('2024-01-01T00:00:00.123+01:00', 'time'), '2023-12-31T23:00:00Z');
  assert.equal(parseGoTime('2024-02-29T23:59:59Z', 'time'), '2024-02-29T23:59:59Z');
  assert.equal(parseGoTime('2024-01-01T00:00:00.000001-00:30', 'micro-time'), '2024-01-01T00:30:00.000001Z');
});

test('reads back every time that Date writes, to the second', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
      const iso = d.toISOString();
      assert.equal(parseGoTime(iso, 'time'), `${iso.slice(0, 19)}Z`);
    }),
  );
});
