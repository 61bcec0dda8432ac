/**
 * Both backends of the Store port keep the same contract (store-contract.ts):
 * the memory store the reference runs on, and the etcd store on a real etcd
 * member (Debian's etcd-server), each run under a key prefix of its own.
 * The etcd half is skipped, with the reason, where etcd is not installed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { EtcdMembers, findEtcd } from './etcd/etcd-members.ts';
import { EtcdStore } from './etcd/etcd-store.ts';
import { MemoryStore } from './memory-store.ts';
import { checkStoreContract } from './store-contract.ts';

test('the memory store keeps the store contract', async (t) => {
  const { runs, operations } = await checkStoreContract({ open: async () => new MemoryStore() }, { numRuns: 300, maxCommands: 60 });
  t.diagnostic(`memory store: ${runs} runs, ${operations} operations checked against the model`);
  assert.ok(operations > runs, 'the runs checked next to nothing');
});

const etcd = findEtcd();
const skip = 'missing' in etcd ? etcd.missing : false;
let members: EtcdMembers | undefined;
before(async () => {
  if (!skip) members = await EtcdMembers.start(['contract']);
});
after(async () => {
  await members?.stopAll();
});

test('the etcd store keeps the store contract, on a real etcd member', { skip }, async (t) => {
  let prefixes = 0;
  const open = async () => new EtcdStore({ endpoints: [members!.member('contract').clientUrl], keyPrefix: `/contract-${++prefixes}` });
  const { runs, operations } = await checkStoreContract({ open }, { numRuns: 60, maxCommands: 60 });
  t.diagnostic(`etcd store: ${runs} runs, ${operations} operations checked against the model`);
  assert.ok(operations > runs, 'the runs checked next to nothing');
});
