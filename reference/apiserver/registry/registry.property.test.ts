/**
 * Properties of the api-server's write path: malformed objects are refused
 * with 400/422 and causes and leave the store untouched; concurrent
 * updates with stale versions never lose an acknowledged update.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { isStatusError } from '../../../spec/objects/status.ts';
import { ADMIN, ReferenceCluster } from '../../cluster.ts';

/** A valid pod, then one thing broken in it; each breakage says which field a cause must name. */
const breakages: Array<[string, (pod: Record<string, any>) => void, string]> = [
  ['bad name', (p) => (p.metadata.name = 'Not_Valid'), 'metadata.name'],
  ['name too long', (p) => (p.metadata.name = 'a'.repeat(254)), 'metadata.name'],
  ['missing name', (p) => delete p.metadata.name, 'metadata.name'],
  ['missing containers', (p) => delete p.spec.containers, 'spec.containers'],
  ['no containers', (p) => (p.spec.containers = []), 'spec.containers'],
  ['container name wrong type', (p) => (p.spec.containers[0].name = 42), 'spec.containers[0].name'],
  ['missing image', (p) => delete p.spec.containers[0].image, 'spec.containers[0].image'],
  ['bad cpu quantity', (p) => (p.spec.containers[0].resources = { requests: { cpu: 'lots' } }), 'spec.containers[0].resources.requests.cpu'],
  ['bad memory quantity', (p) => (p.spec.containers[0].resources = { limits: { memory: '1XB' } }), 'spec.containers[0].resources.limits.memory'],
  ['labels wrong type', (p) => (p.metadata.labels = { app: 7 }), 'metadata.labels'],
  ['bad restart policy', (p) => (p.spec.restartPolicy = 'Sometimes'), 'spec.restartPolicy'],
  ['port out of range', (p) => (p.spec.containers[0].ports = [{ containerPort: 70000 }]), 'spec.containers[0].ports[0].containerPort'],
  ['spec wrong type', (p) => (p.spec = 'run nginx'), 'spec'],
];

const validPod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
const writes = (c: ReferenceCluster) => c.accessLog.entries.filter((e) => e.op === 'create' || e.op === 'update' || e.op === 'delete').length;

let malformedChecked = 0;

test('malformed objects get 400/422 with causes naming the field, and leave the store unchanged', async (t) => {
  const cluster = await new ReferenceCluster().start();
  // Straight to the api-server, behind the decoder: a client's body of the wrong types, or with a quantity that
  // does not parse, is refused at decode first (400, body-decoder.test.ts); the write path must hold without it.
  const auth = { token: cluster.tokenFor(ADMIN.name)! };
  const create = (pod: KubeObject) => cluster.apiserver.handle({ verb: 'create', resource: 'pods', namespace: 'default', body: structuredClone(pod), auth });
  const numRuns = 300;
  try {
    await fc.assert(
      fc.asyncProperty(fc.subarray(breakages, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), async (broken, name) => {
        const pod = validPod(name) as Record<string, any>;
        // A breakage that no longer applies (a container name once the containers are gone) is left out.
        const applied = broken.filter(([, breakIt]) => {
          try {
            breakIt(pod);
            return true;
          } catch {
            return false;
          }
        });
        const before = writes(cluster);
        let refused: unknown;
        try {
          await create(pod as KubeObject);
        } catch (e) {
          refused = e;
        }
        malformedChecked++;
        assert.ok(isStatusError(refused), `accepted: ${applied.map((b) => b[0]).join(', ')}`);
        assert.ok([400, 422].includes(refused.code), `${refused.code} ${refused.message}`);
        const causes = refused.status.details?.causes ?? [];
        assert.ok(causes.length > 0, 'no causes');
        // At least one breakage is named (a broken spec hides the container-level ones inside it).
        assert.ok(applied.some(([, , field]) => causes.some((c) => c.field?.startsWith(field))), `causes ${JSON.stringify(causes)} name none of ${applied.map((b) => b[2])}`);
        assert.equal(writes(cluster), before, 'the store was written');
      }),
      { numRuns },
    );
  } finally {
    await cluster.stop();
  }
  t.diagnostic(`numRuns ${numRuns}, malformed pods checked: ${malformedChecked}`);
});

let raceRounds = 0;

test('concurrent updates with stale versions never lose an acknowledged update', async (t) => {
  const numRuns = 100;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(fc.nat(3), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.scheduler(), async (rounds, s) => {
      const cluster = await new ReferenceCluster().start();
      try {
        const clients = [0, 1, 2, 3].map(() => cluster.client());
        await clients[0]!.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { v: 'init' } }, { namespace: 'default' });
        let lastAcknowledged = 'init';
        for (const [r, writers] of rounds.entries()) {
          // Every writer reads first, so all but one will send a stale version once the first commits.
          const reads = await Promise.all(writers.map((w) => clients[w]!.get('configmaps', 'c', { namespace: 'default' })));
          const results = await Promise.all(
            writers.map((w, i) =>
              s.schedule(Promise.resolve(), `writer ${w}`).then(() =>
                clients[w]!.update('configmaps', { ...reads[i]!, data: { v: `r${r}-w${i}` } }, { namespace: 'default' }).then(
                  (obj) => ({ ok: true as const, value: (obj.data as { v: string }).v }),
                  (e: unknown) => ({ ok: false as const, code: isStatusError(e) ? e.code : -1 }),
                ),
              ),
            ).concat([s.waitAll().then(() => ({ ok: false as const, code: 0 }))]),
          );
          const outcomes = results.slice(0, writers.length);
          const acknowledged = outcomes.filter((o) => o.ok);
          assert.equal(acknowledged.length, 1, `round ${r}: ${JSON.stringify(outcomes)}`);
          for (const o of outcomes) if (!o.ok) assert.equal(o.code, 409);
          lastAcknowledged = (acknowledged[0] as { value: string }).value;
          const now = await clients[0]!.get('configmaps', 'c', { namespace: 'default' });
          assert.equal((now.data as { v: string }).v, lastAcknowledged, 'an acknowledged update was lost');
          raceRounds++;
        }
      } finally {
        await cluster.stop();
      }
    }),
    { numRuns },
  );
  t.diagnostic(`numRuns ${numRuns}, racing rounds checked: ${raceRounds}`);
});
