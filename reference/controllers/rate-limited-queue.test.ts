import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { RateLimitedTimedQueue, TokenBucket } from './rate-limited-queue.ts';

test('a token bucket of 0.1 per second with burst 1 accepts at once, then exactly every 10 s', () => {
  const b = new TokenBucket(0.1);
  assert.equal(b.tryAccept(0), true);
  assert.equal(b.tryAccept(9_999), false);
  assert.equal(b.nextTokenAt(), 10_000);
  assert.equal(b.tryAccept(10_000), true);
  assert.equal(b.tryAccept(25_000), true); // a late caller does not bank the time it waited
  assert.equal(b.tryAccept(34_999), false);
});

test('a rate of 0 never accepts (a partially disrupted small zone)', () => {
  const b = new TokenBucket(0);
  assert.equal(b.tryAccept(0), false);
  assert.equal(b.nextTokenAt(), Infinity);
});

test('accepted calls are never closer than 1/qps, and each waits no longer than needed (token bucket oracle)', () => {
  fc.assert(
    fc.property(fc.constantFrom(0.1, 0.01, 1, 0.5), fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 1, maxLength: 40 }), (qps, gaps) => {
      const bucket = new TokenBucket(qps);
      const interval = 1000 / qps;
      let now = 0;
      let lastAccepted = -Infinity;
      for (const g of gaps) {
        now += g;
        const expected = now - lastAccepted >= interval;
        assert.equal(bucket.tryAccept(now), expected, `at ${now}, last accepted ${lastAccepted}`);
        if (expected) lastAccepted = now;
      }
    }),
    { numRuns: 300 },
  );
});

test('the queue takes a node once until it is removed, and processes heads as tokens allow', async () => {
  const q = new RateLimitedTimedQueue(new TokenBucket(0.1));
  assert.equal(q.add('a', 0), true);
  assert.equal(q.add('a', 0), false);
  q.add('b', 0);
  const done: string[] = [];
  await q.try(0, async (v) => (done.push(v.value), [true, 0]));
  assert.deepEqual(done, ['a']);
  assert.equal(q.nextAttemptAt(), 10_000);
  await q.try(10_000, async (v) => (done.push(v.value), [true, 0]));
  assert.deepEqual(done, ['a', 'b']);
  assert.equal(q.add('a', 20_000), false, 'a processed node stays known until removed');
  assert.equal(q.remove('a'), true);
  assert.equal(q.add('a', 20_000), true);
});

test('a head that fails is retried later; swapping to rate 0 stops the queue', async () => {
  const q = new RateLimitedTimedQueue(new TokenBucket(1));
  q.add('a', 0);
  await q.try(0, async () => [false, 50]);
  assert.equal(q.length, 1);
  assert.equal(q.nextAttemptAt(), 1000);
  q.swapLimiter(0, 1000);
  assert.equal(q.nextAttemptAt(), Infinity);
  q.swapLimiter(0, 1000); // unchanged
  q.swapLimiter(1, 1000);
  assert.equal(q.limiter.qps, 1);
});
