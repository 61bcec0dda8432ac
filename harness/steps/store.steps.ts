/** Reading the store access log: who touched etcd, for whom, in what order (A2, A3). */
import { Then } from '@cucumber/cucumber';
import type { DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { StoreAccess } from '../../spec/adapter.ts';
import { itsNode, storeLog } from '../support/cluster-reads.ts';
import type { KubespecWorld } from '../support/world.ts';

const podKey = (name: string, namespace = 'default') => `/registry/pods/${namespace}/${name}`;
const isWrite = (e: StoreAccess) => e.op === 'create' || e.op === 'update' || e.op === 'delete';

Then('the writes to pod {string} in the store were, in order:', async function (this: KubespecWorld, pod: string, table: DataTable) {
  await this.eventually(async () => {
    const node = await itsNode(this, pod);
    const writes = storeLog(this).filter((e) => e.key === podKey(pod) && isWrite(e));
    const actual = writes.map((e) => ({ write: e.op, by: e.onBehalfOf ?? '', component: e.component }));
    const expected = table.hashes().map((row) => ({
      write: row.write!,
      by: row['on behalf of'] === 'the kubelet of its node' ? `system:node:${node}` : row['on behalf of']!,
      component: 'kube-apiserver',
    }));
    assert.deepEqual(actual, expected);
  });
});

Then("no other node's kubelet wrote pod {string}", async function (this: KubespecWorld, pod: string) {
  const node = await itsNode(this, pod);
  const others = storeLog(this).filter((e) => e.key === podKey(pod) && isWrite(e) && e.onBehalfOf?.startsWith('system:node:') && e.onBehalfOf !== `system:node:${node}`);
  assert.deepEqual(others, [], `other kubelets wrote pod "${pod}"`);
});

Then('the store was not touched by that request', async function (this: KubespecWorld) {
  assert.deepEqual(storeLog(this).slice(this.notes.recall('storeLogMark')), []);
});
