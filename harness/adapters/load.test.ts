/** Adapters are loaded by name or module path, and a module that is not one is refused with what it lacks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAdapter } from './load.ts';
import { AdapterContractError, clusterProblems } from './contract-check.ts';

test('the built-in reference adapter loads by name and declares its capabilities', async () => {
  const adapter = await loadAdapter('reference');
  assert.equal(adapter.name, 'reference');
  assert.ok(adapter.capabilities.has('virtual-time'));
});

test('a module path exporting `adapter` is loaded', async () => {
  const adapter = await loadAdapter('harness/adapters/fixtures/minimal-adapter.ts');
  assert.equal(adapter.name, 'minimal');
  assert.equal(adapter.capabilities.size, 0);
});

test('an incomplete module is refused with every missing part named', async () => {
  await assert.rejects(loadAdapter('harness/adapters/fixtures/incomplete-adapter.ts'), (e: unknown) => {
    assert.ok(e instanceof AdapterContractError);
    assert.match(e.message, /`start\(config\)` must be a function/);
    assert.match(e.message, /`capabilities` must be a Set/);
    assert.doesNotMatch(e.message, /^\s+at /m, 'no stack trace in the message');
    return true;
  });
});

test('a path that does not exist is refused with the built-in names listed', async () => {
  await assert.rejects(loadAdapter('./no/such/adapter.ts'), /could not load .*\n.*built-in adapters: reference/);
});

test('a started cluster missing parts of the contract is described', () => {
  assert.deepEqual(clusterProblems({ client() {}, settle() {}, stop() {}, settings: {}, nodes: {}, clock: {}, observe: {} }), []);
  assert.match(clusterProblems({ settings: {} }).join('; '), /no `client\(\)`.*no `nodes` object/);
});

test('a cluster that lacks a member one of its capabilities needs is refused, naming both', () => {
  const cluster = { client() {}, settle() {}, stop() {}, settings: {}, nodes: { add() {}, silence() {}, resume() {} }, clock: {}, observe: {} };
  assert.deepEqual(clusterProblems(cluster, ['node-simulation', 'settings']), []);
  assert.deepEqual(clusterProblems(cluster, ['virtual-time', 'store-audit']), [
    "declares 'virtual-time' but the started cluster has no `clock.advance()`",
    "declares 'store-audit' but the started cluster has no `observe.storeLog()`",
  ]);
  assert.deepEqual(clusterProblems({ ...cluster, clock: { advance() {} } }, ['virtual-time']), []);
});
