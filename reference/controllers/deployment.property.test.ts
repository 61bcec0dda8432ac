/**
 * Property: whatever the replicas, maxSurge and maxUnavailable (counts or
 * percentages) and whichever pods fail during the rollout, a rolling update
 * of a Deployment, looked at after every second of virtual time, never has
 * more pods than replicas + maxSurge (surge rounded up), never takes
 * availability below replicas - maxUnavailable (rounded down) except by the
 * failures themselves, and completes: every pod runs the new template.
 * minReadySeconds makes each new pod count as available only some seconds
 * after it is ready, so the rollout takes many steps.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { DeploymentStatus, IntOrString } from '../../spec/objects/deployment.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import type { ReplicaSet } from '../../spec/objects/replicaset.ts';
import { ReferenceCluster } from '../cluster.ts';
import type { VirtualClock } from '../runtime/clock.ts';
import { resolveFenceposts } from './deployment-replicas.ts';

const NUM_RUNS = 50;
const MAX_STEPS = 400;
const ns = { namespace: 'default' };
type PodObject = Pod & KubeObject;
type ReplicaSetObject = ReplicaSet & KubeObject;

const intOrPercent: fc.Arbitrary<IntOrString> = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('0%', '10%', '25%', '34%', '50%', '100%'));
/** A pod failure: at the given second of the rollout, the pod at `pick` among the live ones is removed at once. */
const failure = fc.record({ second: fc.integer({ min: 0, max: 10 }), pick: fc.nat(20) });

const deployment = (replicas: number, maxSurge: IntOrString, maxUnavailable: IntOrString, minReadySeconds: number): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: {
    replicas, minReadySeconds, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } },
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
  },
});

test('a rolling update stays within maxSurge and maxUnavailable at every step, whatever fails, and completes', async (t) => {
  let steps = 0;
  let failures = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 8 }), intOrPercent, intOrPercent, fc.integer({ min: 2, max: 6 }), fc.array(failure, { maxLength: 4 }),
      async (replicas, maxSurge, maxUnavailable, minReadySeconds, failing) => {
        // ValidateRollingUpdateDeployment refuses both 0; that case is the strategy's own test.
        fc.pre(!(String(maxSurge).replace('%', '') === '0' && String(maxUnavailable).replace('%', '') === '0'));
        const [surge, unavailable] = resolveFenceposts(maxSurge, maxUnavailable, replicas);
        const most = replicas + surge;
        const promised = replicas - Math.min(unavailable, replicas);
        const cluster = await new ReferenceCluster().start();
        try {
          const clock = cluster.clock as VirtualClock;
          const admin = cluster.client();
          for (const name of ['worker-1', 'worker-2', 'worker-3']) await cluster.nodes.add({ name });
          await admin.create('deployments', deployment(replicas, maxSurge, maxUnavailable, minReadySeconds), ns);
          await clock.advance((minReadySeconds + 1) * 1000);

          const observe = async () => {
            const rss = (await admin.list<ReplicaSetObject>('replicasets', ns)).items;
            const pods = (await admin.list<PodObject>('pods', ns)).items.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
            return {
              pods,
              asked: rss.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0),
              available: rss.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0),
              status: (await admin.get('deployments', 'web', ns)).status as DeploymentStatus,
            };
          };
          let before = await observe();
          assert.equal(before.available, replicas, 'the first rollout did not complete');
          await admin.patch('deployments', 'web', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } }, { ...ns, type: 'strategic' });
          const history: string[] = [];
          for (let second = 0; ; second++) {
            let failed = 0;
            for (const f of failing.filter((x) => x.second === second)) {
              const live = (await observe()).pods;
              const victim = live[f.pick % Math.max(1, live.length)];
              if (!victim) continue;
              await admin.delete('pods', victim.metadata.name ?? '', { ...ns, gracePeriodSeconds: 0 });
              failed++;
              failures++;
            }
            await clock.advance(1000);
            steps++;
            const now = await observe();
            history.push(`${second}s: ${now.pods.length} pods (${now.pods.filter((p) => p.spec.containers[0]!.image === 'nginx:1.28').length} new), ${now.available} available, ${failed} failed`);
            const story = `replicas ${replicas}, maxSurge ${maxSurge}, maxUnavailable ${maxUnavailable}: at most ${most}, at least ${promised}\n${history.join('\n')}`;
            assert.ok(now.pods.length <= most, `too many pods\n${story}`);
            assert.ok(now.asked <= most, `the ReplicaSets ask for too many pods\n${story}`);
            assert.ok(now.available >= Math.min(promised, before.available - failed), `availability dropped below the promise\n${story}`);
            before = now;
            const s = now.status;
            const done = s.updatedReplicas === replicas && s.replicas === replicas && s.availableReplicas === replicas && now.pods.length === replicas;
            if (done && now.pods.every((p) => p.spec.containers[0]!.image === 'nginx:1.28')) break;
            assert.ok(second < MAX_STEPS, `the rollout did not complete in ${MAX_STEPS} s\n${story}`);
          }
          const progressing = before.status.conditions?.find((c) => c.type === 'Progressing');
          assert.equal(progressing?.reason, 'NewReplicaSetAvailable');
          assert.deepEqual(cluster.work.errors, []);
        } finally {
          await cluster.stop();
        }
      },
    ),
    { numRuns: NUM_RUNS },
  );
  t.diagnostic(`numRuns ${NUM_RUNS}: ${steps} one-second steps checked, ${failures} pod failures injected during rollouts; every rollout stayed within its bounds and completed`);
});
