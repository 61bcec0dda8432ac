/**
 * [faults] The same workload and history checker against real Kubernetes:
 * kube-apiserver v1.37.2 on one member of the etcd built with it (as the
 * real control plane runs it), over HTTPS. First with no fault (the
 * baseline: every request answered, nothing failed), then with the etcd
 * member SIGKILLed mid-run and restarted from its data, then with
 * kube-apiserver SIGKILLed and started again on the same etcd. Each must
 * show no acknowledged write lost, every object's history linearizable,
 * every watch complete and in order (a 410 below the watch cache's window
 * is Kubernetes' right: watch-validator.ts), every request answered within
 * the request timeout, and writes acknowledged again after healing. The
 * figures are printed as test diagnostics. Skipped, with the reason, where
 * .ci/build-kubernetes has not built the binaries.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { faultDetails, faultTable } from './fault-report.ts';
import { FaultRun } from './fault-run.ts';
import { targetMissing } from './fault-targets.ts';
import { problemsOf } from './fault-verdict.ts';
import { FAULTS, type FaultName } from './nemesis.ts';

const skip = targetMissing('real-k8s') ?? false;

/** What shows that each fault was felt: the baseline fails nothing, etcd's loss stops writes, the restart drops connections. */
const FELT: Array<[FaultName, string, (p: Awaited<ReturnType<FaultRun['phase']>>) => boolean]> = [
  ['none', 'no request failed', (p) => p.requests.indeterminate + p.requests.unsent === 0 && p.answers.length === 0],
  ['kill', 'no write was acknowledged for over a second while etcd was down', (p) => p.longestWithoutWriteMs > 1000],
  ['apiserver-restart', 'requests met the dead api-server', (p) => p.requests.indeterminate + p.requests.unsent > 0],
];

// Skipped test by test (not the suite), so that each counts as skipped, with the reason, in npm test's summary.
describe('[faults] kube-apiserver (real Kubernetes) on its etcd under a nemesis', () => {
  let run: FaultRun | undefined;
  before(async () => {
    if (!skip) run = await FaultRun.start({ target: 'real-k8s', requestTimeoutMs: 8000 });
  }, { timeout: 120_000 });
  after(async () => {
    await run?.close();
  });

  for (const [i, [fault, felt, wasFelt]] of FELT.entries()) {
    test(`[faults] real-k8s ${fault} (${FAULTS[fault].what}): nothing acknowledged is lost, every history is linearizable, every watch complete, every request answered in time`, { skip, timeout: 60_000 }, async (t) => {
      const phase = await run!.phase(fault, 2000 + i);
      for (const line of `${faultTable([phase])}\n${faultDetails(phase)}`.split('\n')) t.diagnostic(line);
      assert.deepEqual(problemsOf(phase, run!.requestTimeoutMs), []);
      assert.ok(phase.requests.acknowledged > 200, `only ${phase.requests.acknowledged} requests acknowledged: the workload barely ran`);
      assert.ok(phase.report.writesChecked > 50, `only ${phase.report.writesChecked} acknowledged writes checked against etcd's log`);
      assert.ok(wasFelt(phase), `expected ${felt}`);
    });
  }
});
