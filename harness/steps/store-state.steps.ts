/** What the store holds and who touched it (E1, E2, A3), read from the store access log ('store-audit'). */
import { Then, When } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { KubespecWorld } from '../support/world.ts';
import { resourceOfKind, target } from '../support/kinds.ts';
import { storeLog } from '../support/cluster-reads.ts';

const isWrite = (op: string) => op === 'create' || op === 'update' || op === 'delete';

/** The revision of the last committed write to a key, as the store logged it. */
function lastWrite(world: KubespecWorld, key: string): number | undefined {
  return storeLog(world).filter((e) => e.key === key && isWrite(e.op)).at(-1)?.revision;
}

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
    const { resource, namespaced } = resourceOfKind(row.kind);
    const revision = lastWrite(this, row.key!);
    assert.ok(revision, `the store log shows no write to ${row.key}`);
    // A namespaced key ends in <namespace>/<name>.
    const namespace = row.key!.split('/').at(-2)!;
    const obj = await this.client().get(resource, row.name!, namespaced ? { namespace } : {});
    assert.equal(obj.kind, row.kind);
    assert.equal(obj.metadata.resourceVersion, String(revision), `${row.kind} "${row.name}" was not read back at the revision of its last write to ${row.key}`);
  }
});

Then('each object reads back through the API as it was written', async function (this: KubespecWorld) {
  const written = this.notes.recall('written');
  for (const obj of written) {
    const { resource, namespace } = target(obj);
    const back = await this.client().get(resource, obj.metadata.name!, namespace ? { namespace } : {});
    const { metadata, ...rest } = obj;
    assertContains(back, rest, obj.kind!);
    assertContains(back.metadata, metadata, `${obj.kind}.metadata`);
  }
});

When('the store refuses the next commit', function (this: KubespecWorld) {
  const faults = this.cluster.storeFaults;
  if (!faults) throw new Error(`adapter "${this.adapter.name}" cannot inject store faults; tag the scenario @store-faults`);
  const mark = storeLogLength(this);
  if (mark !== undefined) this.notes.note('storeLogMark', mark);
  faults.failNextCommits(1);
});

function storeLogLength(world: KubespecWorld): number | undefined {
  return world.cluster.observe.storeLog?.().length;
}

Then('the store committed no write since', function (this: KubespecWorld) {
  const before = this.notes.recall('storeLogMark');
  const writes = storeLog(this).slice(before).filter((e) => isWrite(e.op));
  assert.deepEqual(writes, [], 'the store logged a committed write');
});

Then("the answer's resourceVersion is the revision at which the store committed {word} {string}", function (this: KubespecWorld, kind: string, name: string) {
  const answers = this.notes.has('answers') ? this.notes.recall('answers') : [this.notes.recall('answer')];
  const answer = answers.find((a) => 'metadata' in a && 'name' in a.metadata && a.metadata.name === name);
  assert.ok(answer, `no answer for ${kind} "${name}"`);
  const key = storeLog(this).filter((e) => isWrite(e.op) && e.key.endsWith(`/${name}`)).at(-1);
  assert.ok(key, `the store log shows no write of ${kind} "${name}"`);
  assert.equal(answer.metadata.resourceVersion, String(key.revision));
});

Then('every store access was made by the api-server on behalf of an authenticated user', function (this: KubespecWorld) {
  const log = storeLog(this);
  assert.ok(log.length > 0, 'the store log is empty');
  const strays = log.filter((e) => e.component !== 'kube-apiserver' || !e.onBehalfOf || e.onBehalfOf === 'system:anonymous');
  assert.deepEqual(strays.slice(0, 5), [], `${strays.length} store accesses were not made by the api-server for an authenticated user`);
});

Then('the store was written on behalf of each of:', function (this: KubespecWorld, table: DataTable) {
  const writers = new Set(storeLog(this).filter((e) => isWrite(e.op)).map((e) => e.onBehalfOf));
  for (const [who] of table.raw()) assert.ok(writers.has(who), `no write on behalf of ${who}; writers: ${[...writers].join(', ')}`);
});
