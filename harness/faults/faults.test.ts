/**
 * [faults] `kubespec serve` on a 3-member etcd, under a concurrent workload
 * over HTTPS, while a nemesis kills the etcd leader, pauses it, takes away
 * the quorum, and crashes the api-server. For each fault the recorded
 * history must show no acknowledged write lost, no linearizability
 * violation, no watch violation, every request answered by a Status within
 * the request timeout (never a hang), and writes acknowledged again after
 * healing, without restarting the server. Then etcd is compacted: a watch
 * from before gets 410 Expired. Each fault's figures are printed as test
 * diagnostics. Skipped, with the reason, where etcd is not installed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { etcdMissing } from './etcd-cluster.ts';
import { faultDetails, faultTable } from './fault-report.ts';
import { FaultRun } from './fault-run.ts';
import { problemsOf } from './fault-verdict.ts';
import { FAULT_NAMES, FAULTS } from './nemesis.ts';

const skip = etcdMissing() ?? false;

describe('[faults] kubespec serve on a 3-member etcd under a nemesis', { skip }, () => {
  let run: FaultRun | undefined;
  before(async () => {
    run = await FaultRun.start({ requestTimeoutMs: 8000 });
  }, { timeout: 60_000 });
  after(async () => {
    await run?.close();
  });

  for (const [i, fault] of FAULT_NAMES.entries()) {
    test(`[faults] ${fault} (${FAULTS[fault].what}): nothing acknowledged is lost, every history is linearizable, every watch complete, every request answered in time`, { timeout: 45_000 }, async (t) => {
      const phase = await run!.phase(fault, 1000 + i);
      for (const line of `${faultTable([phase])}\n${faultDetails(phase)}`.split('\n')) t.diagnostic(line);
      assert.deepEqual(problemsOf(phase, run!.requestTimeoutMs), []);
      assert.ok(phase.requests.acknowledged > 200, `only ${phase.requests.acknowledged} requests acknowledged: the workload barely ran`);
      assert.ok(phase.report.writesChecked > 50, `only ${phase.report.writesChecked} acknowledged writes checked against etcd's log`);
      if (fault !== 'kill') assert.ok(phase.requests.indeterminate + phase.requests.unsent > 0, 'no request failed: the fault was not felt');
    });
  }

  test('[faults] after a compaction, a watch from before it gets 410 Expired and one from after it gets its events', { timeout: 30_000 }, async () => {
    const { report, expired } = await run!.compaction();
    assert.ok(expired, 'the watch from compacted history was not answered 410 Expired');
    assert.deepEqual(report.watches.violations.map((v) => v.message), []);
    assert.equal(report.watches.events, 1);
  });
});
