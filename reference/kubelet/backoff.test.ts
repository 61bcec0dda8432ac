import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Backoff } from './backoff.ts';

test('the back-off starts at 10 s, doubles, stops at 5 min, and is forgotten after 10 quiet minutes', () => {
  const b = new Backoff(10_000, 300_000);
  const seen: number[] = [];
  let at = 0;
  for (let i = 0; i < 8; i++) {
    b.next('k', at);
    seen.push(b.get('k'));
    at += b.get('k');
  }
  assert.deepEqual(seen, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  assert.equal(b.inBackOffSinceUpdate('k', at - 1), true);
  b.next('k', at + 600_001);
  assert.equal(b.get('k'), 10_000);
});

test('in back-off since an event: less than the delay has passed since it', () => {
  const b = new Backoff(10_000, 300_000);
  assert.equal(b.inBackOffSince('k', 0, 0), false, 'no entry: no back-off');
  b.next('k', 1000);
  assert.equal(b.inBackOffSince('k', 2000, 11_999), true);
  assert.equal(b.inBackOffSince('k', 2000, 12_000), false);
  assert.equal(b.until('k', 2000), 12_000);
  assert.equal(b.until('other'), 0);
});
