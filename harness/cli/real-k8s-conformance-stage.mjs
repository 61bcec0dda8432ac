// A stage of `npm test`: the suite against real Kubernetes. Runs
// `kubespec conformance --adapter real-k8s` (the adapter starts the control
// plane .ci/build-kubernetes built) and returns the scenario counts for the
// summary line. Without the binaries every scenario is counted as skipped,
// with the reason. A failure listed in
// harness/adapters/real-k8s/known-differences.json (a difference traced to
// Kubernetes' source, awaiting its fix in a scenario, step or the
// reference) is counted as skipped and printed with its reason; a listed
// scenario that passes, or that no longer exists, fails the stage so the
// list stays true.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const RESULT = /^(✔ passed|✘ failed|- skipped)\s+(.+?) {2}\((.+)\)$/;

/** `run(command, args, env)` is run-all-tests' own runner; `scenarioCount` is how many scenarios the suite has. */
export async function realK8sConformanceStage(root, run, env = {}, scenarioCount = 0, log = console.log) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const problems = [];
  if (!process.env.KUBESPEC_K8S_BIN) {
    const found = spawnSync('bash', [path.join(root, '.ci/build-kubernetes'), '--cached'], { cwd: root, encoding: 'utf8' });
    if (found.status !== 0) {
      const why = found.stderr.trim().split('\n').pop() || 'no Kubernetes binaries';
      log(`skipped: ${scenarioCount} scenarios against real Kubernetes: ${why}`);
      counts.skipped = scenarioCount;
      return { counts, problems };
    }
  }

  const kubespec = path.join(root, 'bin/kubespec.mjs');
  const suite = await run(process.execPath, [kubespec, 'conformance', '--adapter', 'real-k8s'], env);
  const line = /^(\d+) scenarios: (\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(suite.out);
  if (!line) {
    problems.push('kubespec conformance --adapter real-k8s printed no summary');
    return { counts, problems };
  }
  [counts.passed, counts.failed, counts.skipped] = [Number(line[2]), Number(line[3]), Number(line[4])];

  const known = JSON.parse(readFileSync(path.join(root, 'harness/adapters/real-k8s/known-differences.json'), 'utf8')).differences;
  const key = (feature, scenario) => `${feature}\n${scenario}`;
  const listed = new Map(known.map((d) => [key(d.feature, d.scenario), d]));
  const seen = new Set();
  let excused = 0;
  for (const text of suite.out.split('\n')) {
    const m = RESULT.exec(text);
    if (!m) continue;
    const [, verdict, scenario, feature] = m;
    const difference = listed.get(key(feature, scenario));
    if (!difference) continue;
    seen.add(key(feature, scenario));
    if (verdict === '✘ failed') {
      excused++;
      log(`known difference, counted as skipped: ${scenario} (${feature})\n    Kubernetes: ${difference.kubernetes}\n    decided in: ${difference.source}`);
    } else if (verdict === '✔ passed') {
      problems.push(`"${scenario}" (${feature}) passed against real Kubernetes but is listed in known-differences.json: remove it there`);
    }
  }
  for (const [k, d] of listed) {
    if (!seen.has(k)) problems.push(`known-differences.json lists "${d.scenario}" (${d.feature}), which did not run: renamed or removed?`);
  }
  counts.failed -= excused;
  counts.skipped += excused;
  if (suite.code !== 0 && counts.failed === 0 && excused === 0) problems.push(`kubespec conformance --adapter real-k8s exited ${suite.code}`);
  return { counts, problems };
}
