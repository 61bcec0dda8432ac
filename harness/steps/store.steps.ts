/**
 * What the store holds and who touched it, read from the store access log
 * ('store-audit'): keys and revisions (E1, E2), writes that never happened,
 * and the identities every access was made for (A2, A3, C8).
 */
import { Then, When } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { isWrite, itsNode, podKey, storeLog, storeWrites } from '../support/cluster-reads.ts';
import { kindOfManifest, target } from '../support/kinds.ts';
import type { KubespecWorld } from '../support/world.ts';

/** Every field the manifest set is in the object read back (the server adds fields of its own). */
function assertContains(actual: unknown, expected: unknown, path: string): void {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    for (const [k, v] of Object.entries(expected)) assertContains((actual as Record<string, unknown> | undefined)?.[k], v, `${path}.${k}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${path} read back differs: ${JSON.stringify(actual)}`);
    expected.forEach((item, i) => assertContains(actual[i], item, `${path}[${i}]`));
  } else assert.deepEqual(actual, expected, `${path} read back differs`);
}

Then('the store holds them under these keys, each read back through the API at the revision it was committed:', async function (this: KubespecWorld, table: DataTable) {
  for (const row of table.hashes()) {
    const { resource, namespaced } = kindOfManifest(row.kind);
    const revision = storeWrites(this, row.key).at(-1)?.revision;
    assert.ok(revision, `the store log shows no write to ${row.key}`);
    // A namespaced key ends in <namespace>/<name>.
    const namespace = row.key!.split('/').at(-2)!;
    const obj = await this.client().get(resource, row.name!, namespaced ? { namespace } : {});
    assert.equal(obj.kind, row.kind);
    assert.equal(obj.metadata.resourceVersion, String(revision), `${row.kind} "${row.name}" was not read back at the revision of its last write to ${row.key}`);
  }
});

Then('each object reads back through the API as it was written', async function (this: KubespecWorld) {
  for (const obj of this.notes.recall('written')) {
    const { resource, namespace } = target(obj);
    const back = await this.client().get(resource, obj.metadata.name!, namespace ? { namespace } : {});
    const { metadata, ...rest } = obj;
    assertContains(back, rest, obj.kind!);
    assertContains(back.metadata, metadata, `${obj.kind}.metadata`);
  }
});

Then("the answer's resourceVersion is the revision at which the store committed {word} {string}", function (this: KubespecWorld, kind: string, name: string) {
  const answer = this.notes.recall('answer');
  assert.deepEqual([answer.kind, 'name' in answer.metadata ? answer.metadata.name : undefined], [kind, name], 'the answer is about another object');
  const write = storeWrites(this).filter((e) => e.key.endsWith(`/${name}`)).at(-1);
  assert.ok(write, `the store log shows no write of ${kind} "${name}"`);
  assert.equal(answer.metadata.resourceVersion, String(write.revision));
});

When('the store refuses the next commit', function (this: KubespecWorld) {
  const faults = this.cluster.storeFaults;
  if (!faults) throw new Error(`adapter "${this.adapter.name}" cannot inject store faults; tag the scenario @store-faults`);
  this.markStoreLog();
  faults.failNextCommits(1);
});

Then('the store committed no write for that request', function (this: KubespecWorld) {
  const writes = storeLog(this).slice(this.notes.recall('storeLogMark')).filter(isWrite);
  assert.deepEqual(writes, [], 'the store logged a committed write');
});

Then('the store was not touched by that request', function (this: KubespecWorld) {
  assert.deepEqual(storeLog(this).slice(this.notes.recall('storeLogMark')), []);
});

Then('every store access was made by the api-server on behalf of an authenticated user', function (this: KubespecWorld) {
  const log = storeLog(this);
  assert.ok(log.length > 0, 'the store log is empty');
  const strays = log.filter((e) => e.component !== 'kube-apiserver' || !e.onBehalfOf || e.onBehalfOf === 'system:anonymous');
  assert.deepEqual(strays.slice(0, 5), [], `${strays.length} store accesses were not made by the api-server for an authenticated user`);
});

Then('the store was written on behalf of each of:', function (this: KubespecWorld, table: DataTable) {
  const writers = new Set(storeWrites(this).map((e) => e.onBehalfOf));
  for (const [who] of table.raw()) assert.ok(writers.has(who), `no write on behalf of ${who}; writers: ${[...writers].join(', ')}`);
});

Then('the store shows these writes on behalf of {string}:', async function (this: KubespecWorld, user: string, table: DataTable) {
  await this.eventually(async () => {
    const writes = storeWrites(this).filter((e) => e.onBehalfOf === user);
    for (const row of table.hashes()) {
      const found = writes.filter((e) => e.op === row.write && e.key.startsWith(row['key starting with']!));
      assert.ok(found.length > 0, `no ${row.write} of ${row['key starting with']} on behalf of ${user}`);
      assert.ok(found.every((e) => e.component === 'kube-apiserver'), 'a write that did not go through the api-server');
    }
  });
});

Then('{string} read these through the api-server:', async function (this: KubespecWorld, user: string, table: DataTable) {
  await this.eventually(async () => {
    const reads = storeLog(this).filter((e) => e.onBehalfOf === user && (e.op === 'range' || e.op === 'watch' || e.op === 'get'));
    for (const row of table.hashes()) {
      const found = reads.filter((e) => e.key.startsWith(row['key starting with']!));
      assert.ok(found.length > 0, `${user} never read ${row['key starting with']}`);
      assert.ok(found.every((e) => e.component === 'kube-apiserver'));
    }
  });
});

/** `the kubelet of its node` in the table stands for system:node:<the node the pod was bound to>. */
Then('the writes to pod {string} in the store were, in order:', async function (this: KubespecWorld, pod: string, table: DataTable) {
  await this.eventually(async () => {
    const node = await itsNode(this, pod);
    const actual = storeWrites(this, podKey(pod)).map((e) => ({ write: e.op, by: e.onBehalfOf ?? '', component: e.component }));
    const expected = table.hashes().map((row) => ({
      write: row.write!,
      by: row['on behalf of'] === 'the kubelet of its node' ? `system:node:${node}` : row['on behalf of']!,
      component: 'kube-apiserver',
    }));
    assert.deepEqual(actual, expected);
  });
});

Then("no other node's kubelet wrote pod {string}", async function (this: KubespecWorld, pod: string) {
  await this.eventually(async () => {
    const node = await itsNode(this, pod);
    const others = storeWrites(this, podKey(pod)).filter((e) => e.onBehalfOf?.startsWith('system:node:') && e.onBehalfOf !== `system:node:${node}`);
    assert.deepEqual(others, [], `other kubelets wrote pod "${pod}"`);
  });
});
