/**
 * The REST server under 10,000 generated hostile requests over real HTTPS
 * (hostile-requests.ts): no answer is a 5xx, every refusal is a Kubernetes
 * Status, the store holds exactly what was acknowledged (nothing half
 * written, nothing written that a client was told failed), and the server
 * answers healthily afterwards.
 */
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { test } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { Status } from '../../../spec/objects/status.ts';
import { ADMIN, ReferenceCluster } from '../../cluster.ts';
import { MemoryStore } from '../../store/memory-store.ts';
import { decode } from '../registry/encoding.ts';
import { RESOURCES, storageKey } from '../registry/resources.ts';
import { selfSignedCertificate } from './certificate.ts';
import { FUZZ_NAMESPACE, hostileRequest, NAME_POOL, type HostileRequest } from './hostile-requests.ts';
import { startHttpServer } from './server.ts';

const BATCH = 100;
const BATCHES = 100;
/** Kinds no controller writes to, so the store must hold exactly what clients were told. */
const MODELLED = ['configmaps', 'secrets', 'leases', 'roles'];

interface Answer {
  code: number;
  contentType: string;
  text: string;
}

test('10,000 hostile requests: no 5xx, every refusal a Status, nothing stored but what was acknowledged', async (t) => {
  const store = new MemoryStore();
  const cluster = await new ReferenceCluster({}, { store }).start();
  const certificate = selfSignedCertificate();
  const server = await startHttpServer({ apiserver: cluster.apiserver, certificate, now: () => Date.parse(cluster.clock.timestamp()), port: 0, watchTimeoutMs: 20 });
  const agent = new Agent({ keepAlive: true, maxSockets: 32, ca: certificate.cert });
  const token = cluster.tokenFor(ADMIN.name)!;
  // Mostly the administrator, so that requests get past authentication; now and then a bad or missing credential.
  const tokens = [...Array<string>(12).fill(`Bearer ${token}`), 'Bearer not-a-token', 'Basic YTpi', ''];

  const send = (r: HostileRequest, authorization: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      // Content-Length always, as client-go sends it: Node's client would send a DELETE body with neither it nor chunking.
      const length = r.body ? { 'Content-Length': String(r.body.length) } : {};
      const req = request(`${server.url}${r.path}`, { method: r.method, agent, headers: { ...r.headers, ...length, ...(authorization ? { Authorization: authorization } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', (e) => reject(new Error(`${r.method} ${r.path.slice(0, 200)} with ${r.body?.length ?? 0} bytes: ${e.message}`)));
      req.end(r.body);
    });

  /** Per key (`configmaps/f-0`): every acknowledged write by resourceVersion, and whether a delete was acknowledged. */
  const acknowledged = new Map<string, { writes: Map<string, unknown>; deleted: boolean }>();
  const ack = (key: string) => acknowledged.get(key) ?? acknowledged.set(key, { writes: new Map(), deleted: false }).get(key)!;
  let sent = 0;
  const codes = new Map<number, number>();

  await cluster.client().create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: FUZZ_NAMESPACE } } as never);
  const started = performance.now();
  try {
    // fc.check rather than fc.assert: a counterexample holds megabytes of body, the error says what matters.
    const outcome = await fc.check(
      fc.asyncProperty(fc.array(fc.tuple(hostileRequest, fc.constantFrom(...tokens)), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        await Promise.all(
          batch.map(async ([r, authorization]) => {
            if (process.env.FUZZ_DUMP) appendFileSync(process.env.FUZZ_DUMP, JSON.stringify({ ...r, authorization, body: r.body?.toString('base64') }) + '\n');
            const answer = await send(r, authorization);
            sent++;
            codes.set(answer.code, (codes.get(answer.code) ?? 0) + 1);
            const what = `${r.method} ${r.path} -> ${answer.code} ${answer.text.slice(0, 300)}`;
            assert.ok(answer.code >= 200 && answer.code < 500, what);
            if (r.method === 'HEAD') return;
            if (answer.code >= 400) {
              const status = JSON.parse(answer.text) as unknown;
              assert.ok(Value.Check(Status, status), `not a Status: ${what}`);
              assert.equal((status as Status).code, answer.code, what);
              return;
            }
            if (!answer.contentType.startsWith('application/json')) return;
            // A watch answers with JSON lines; everything else with one JSON document.
            const documents = answer.text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { kind?: string; metadata?: { name?: string; resourceVersion?: string }; details?: { name?: string } });
            const object = documents[0];
            // A delete answers the object, or a Status Success naming it (a kind whose registry does not return deleted objects).
            const name = object?.kind === 'Status' ? object.details?.name : object?.metadata?.name;
            const target = r.target;
            if (!object || !target || target.namespace !== FUZZ_NAMESPACE || !MODELLED.includes(target.resource) || !name) return;
            const key = `${target.resource}/${name}`;
            if (r.method === 'DELETE') ack(key).deleted = true;
            else if (['POST', 'PUT', 'PATCH'].includes(r.method)) ack(key).writes.set(object.metadata!.resourceVersion!, object);
          }),
        );
      }),
      { numRuns: BATCHES, endOnFailure: true, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) },
    );
    if (outcome.failed) assert.fail(`seed ${outcome.seed}: ${(outcome.errorInstance as Error | undefined)?.message ?? 'interrupted'}`);
    const seconds = (performance.now() - started) / 1000;
    const writes = [...acknowledged.values()].reduce((n, a) => n + a.writes.size, 0);
    const deletes = [...acknowledged.values()].filter((a) => a.deleted).length;
    t.diagnostic(`${sent} hostile requests in ${seconds.toFixed(1)} s; answers by code: ${[...codes].sort(([a], [b]) => a - b).map(([c, n]) => `${c}: ${n}`).join(', ')}; ${writes} acknowledged writes and deletes of ${deletes} keys compared with the store`);
    assert.ok(sent >= BATCH * BATCHES);
    assert.ok(writes >= 50, `only ${writes} acknowledged writes: the store comparison would prove little`);

    // The store holds what was acknowledged, and only that.
    for (const resource of MODELLED) {
      const info = RESOURCES.get(resource)!;
      for (const name of NAME_POOL) {
        const key = `${resource}/${name}`;
        const kv = await store.get(storageKey(info, FUZZ_NAMESPACE, name));
        const acks = acknowledged.get(key);
        if (!kv) {
          assert.ok(!acks?.writes.size || acks.deleted, `${key} was acknowledged but is not stored`);
          continue;
        }
        const stored = decode(kv);
        const latest = Math.max(...[...(acks?.writes.keys() ?? [])].map(Number));
        assert.equal(stored.metadata.resourceVersion, String(latest), `${key} is stored at a version no client was told of`);
        assert.deepEqual(stored, acks!.writes.get(String(latest)), `${key} is not stored as acknowledged`);
      }
    }

    // And it is healthy afterwards.
    const ready = await send({ method: 'GET', path: '/readyz', headers: {} }, `Bearer ${token}`);
    assert.deepEqual([ready.code, ready.text], [200, 'ok']);
    const body = Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-the-storm' }, data: { calm: 'yes' } }));
    const created = await send({ method: 'POST', path: `/api/v1/namespaces/${FUZZ_NAMESPACE}/configmaps`, headers: { 'Content-Type': 'application/json' }, body }, `Bearer ${token}`);
    assert.equal(created.code, 201, created.text);
    const read = await send({ method: 'GET', path: `/api/v1/namespaces/${FUZZ_NAMESPACE}/configmaps/after-the-storm`, headers: {} }, `Bearer ${token}`);
    assert.equal(JSON.parse(read.text).data.calm, 'yes');
  } finally {
    agent.destroy();
    await server.close();
    await cluster.stop();
  }
});
