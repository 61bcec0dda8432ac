/**
 * The reference on its memory store, in this process, under the fault
 * workload while the store refuses some commits: the history checker finds
 * no acknowledged write lost, every object's history linearizable, every
 * watch complete and in order, and 410 Expired exactly for compacted
 * history.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInMemory } from './in-memory-run.ts';

test('[history] the reference in memory: a concurrent workload with refused commits leaves a history with no lost write, no linearizability or watch violation', async () => {
  const { report, recorder, caughtUp } = await runInMemory({ durationMs: 1500, seed: 13 });
  assert.ok(recorder.requests.attempted > 500, `only ${recorder.requests.attempted} requests: the workload did not run`);
  assert.ok(recorder.requests.indeterminate > 0, 'no commit was refused: the store faults did not fire');
  assert.ok(report.writesChecked > 100, `only ${report.writesChecked} acknowledged writes checked`);
  assert.deepEqual(recorder.unexpected, []);
  assert.deepEqual(report.lost, []);
  assert.deepEqual(report.linearizability.violations, []);
  assert.deepEqual(report.watches.violations.map((v) => v.message), []);
  assert.ok(caughtUp, 'the watches did not catch up with the last write');
  assert.ok(recorder.watches.some((w) => w.end?.kind === 'expired'), 'no watch asked for compacted history and got 410');
  assert.ok(recorder.failures.every((f) => /^500: etcdserver: request timed out$/.test(f.answer)), `unexpected failures: ${[...new Set(recorder.failures.map((f) => f.answer))].join(', ')}`);
});
