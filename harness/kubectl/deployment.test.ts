/**
 * A real kubectl (Debian's 1.20) rolling a Deployment out against
 * `kubespec serve`: the session the issue asks for, each command checked
 * against what kubectl prints on a real cluster. It needs discovery (apps/v1,
 * `deploy`), server-side Tables, the scale subresource, strategic merge
 * patch (set image), JSON patch (rollout undo), and a watch of the
 * Deployment by name (rollout status), and the Deployment's events by
 * field selector (describe). Without kubectl the tests are
 * reported as skipped, with the reason.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columns, servedSession } from './kubectl-session.ts';
import { findKubectl } from './serve-process.ts';

const kubectl = findKubectl();
const skip = kubectl ? false : 'no kubectl: run .ci/install-kubectl or set KUBESPEC_KUBECTL';

/** rollout status' lines (DeploymentStatusViewer), in Kubernetes' words. */
const WAITING = [
  /^Waiting for deployment "web" rollout to finish: \d+ out of \d+ new replicas have been updated\.\.\.$/,
  /^Waiting for deployment "web" rollout to finish: \d+ old replicas are pending termination\.\.\.$/,
  /^Waiting for deployment "web" rollout to finish: \d+ of \d+ updated replicas are available\.\.\.$/,
  /^Waiting for deployment spec update to be observed\.\.\.$/,
];

describe('kubectl rolls a Deployment out on kubespec serve', { concurrency: false }, () => {
  const k = servedSession(kubectl);

  const run = (...args: string[]) => k.ok(...args);
  const lines = (text: string) => text.trimEnd().split('\n');
  /** `kubectl get <what>` as rows of cells, without the AGE column (which depends on the clock). */
  const table = (...args: string[]) => {
    const [header, ...rows] = lines(run('get', ...args));
    const cols = columns(header!);
    const age = cols.indexOf('AGE');
    return [cols, ...rows.map(columns)].map((r) => r.filter((_, i) => i !== age));
  };
  /** rollout status: waits, then says the rollout is done; every line before is one of kubectl's waiting lines. */
  const rolloutStatus = () => {
    const out = lines(run('rollout', 'status', 'deployment/web', '--timeout', '60s'));
    assert.equal(out.at(-1), 'deployment "web" successfully rolled out');
    for (const line of out.slice(0, -1)) assert.ok(WAITING.some((w) => w.test(line)), `unexpected line: ${line}`);
    return out;
  };
  const replicaSets = () => table('rs').slice(1).sort((a, b) => a[0]!.localeCompare(b[0]!));

  it('create deployment, then get deploy and get rs show 3/3 from one ReplicaSet named with the template hash', { skip }, () => {
    assert.equal(run('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3').trim(), 'deployment.apps/web created');
    rolloutStatus();
    assert.deepEqual(table('deploy'), [['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE'], ['web', '3/3', '3', '3']]);
    assert.deepEqual(table('deploy', 'web', '-o', 'wide'), [['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'CONTAINERS', 'IMAGES', 'SELECTOR'], ['web', '3/3', '3', '3', 'nginx', 'nginx:1.27', 'app=web']]);
    // The hash Kubernetes' ComputeHash gives this template (reference/controllers/pod-template-hash.golden.json).
    assert.deepEqual(table('rs'), [['NAME', 'DESIRED', 'CURRENT', 'READY'], ['web-77995c6487', '3', '3', '3']]);
  });

  it('scale deployment sets the size through the Scale, and the ReplicaSet follows', { skip }, () => {
    assert.equal(run('scale', 'deployment', 'web', '--replicas=5').trim(), 'deployment.apps/web scaled');
    rolloutStatus();
    assert.deepEqual(table('deploy'), [['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE'], ['web', '5/5', '5', '5']]);
    assert.deepEqual(replicaSets(), [['web-77995c6487', '5', '5', '5']]);
  });

  it('set image rolls out a new ReplicaSet step by step, as rollout status shows, and history lists two revisions', { skip }, () => {
    // Each new pod counts as available a second after it is ready, so the rollout takes steps kubectl can watch.
    assert.equal(run('patch', 'deployment', 'web', '-p', '{"spec":{"minReadySeconds":1}}').trim(), 'deployment.apps/web patched');
    assert.equal(run('set', 'image', 'deployment/web', 'nginx=nginx:1.28').trim(), 'deployment.apps/web image updated');
    const status = rolloutStatus();
    assert.ok(status.length > 1, `rollout status saw no step of the rollout: ${status.join('\n')}`);
    assert.deepEqual(replicaSets(), [['web-77995c6487', '0', '0', '0'], ['web-fb96cc4bb', '5', '5', '5']]);
    assert.deepEqual(lines(run('rollout', 'history', 'deployment/web')), ['deployment.apps/web ', 'REVISION  CHANGE-CAUSE', '1         <none>', '2         <none>']);
  });

  it('rollout undo puts the previous template back as revision 3', { skip }, () => {
    assert.equal(run('rollout', 'undo', 'deployment/web').trim(), 'deployment.apps/web rolled back');
    rolloutStatus();
    assert.deepEqual(table('deploy', 'web', '-o', 'wide')[1], ['web', '5/5', '5', '5', 'nginx', 'nginx:1.27', 'app=web']);
    assert.deepEqual(replicaSets(), [['web-77995c6487', '5', '5', '5'], ['web-fb96cc4bb', '0', '0', '0']]);
    assert.deepEqual(lines(run('rollout', 'history', 'deployment/web')), ['deployment.apps/web ', 'REVISION  CHANGE-CAUSE', '2         <none>', '3         <none>']);
    const revision3 = run('rollout', 'history', 'deployment/web', '--revision=3');
    assert.match(revision3, /^deployment\.apps\/web with revision #3\n/);
    assert.match(revision3, /Image:\s+nginx:1\.27/);
  });

  it('describe deployment shows the replicas, the strategy, the conditions, the new ReplicaSet and each scaling step', { skip }, () => {
    const described = run('describe', 'deployment', 'web');
    assert.match(described, /^Name:\s+web$/m);
    assert.match(described, /^Annotations:\s+deployment\.kubernetes\.io\/revision: 3$/m);
    assert.match(described, /^Selector:\s+app=web$/m);
    assert.match(described, /^Replicas:\s+5 desired \| 5 updated \| 5 total \| 5 available \| 0 unavailable$/m);
    assert.match(described, /^StrategyType:\s+RollingUpdate$/m);
    assert.match(described, /^MinReadySeconds:\s+1$/m);
    assert.match(described, /^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m);
    assert.match(described, /^\s+Image:\s+nginx:1\.27$/m);
    assert.match(described, /^\s+Available\s+True\s+MinimumReplicasAvailable$/m);
    assert.match(described, /^\s+Progressing\s+True\s+NewReplicaSetAvailable$/m);
    assert.match(described, /^NewReplicaSet:\s+web-77995c6487 \(5\/5 replicas created\)$/m);
    // The events, found by kubectl through involvedObject field selectors, in the deployment controller's words.
    assert.match(described, /^\s+Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set web-77995c6487 from 0 to 3$/m);
    assert.match(described, /^\s+Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set web-fb96cc4bb from 0 to \d$/m);
    assert.match(described, /^\s+Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled down replica set web-fb96cc4bb from \d to \d$/m);
  });
});
