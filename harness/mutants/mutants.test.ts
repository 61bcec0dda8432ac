/**
 * The suite's teeth: every seeded wrong implementation (harness/mutants/)
 * must be rejected by some scenario. Each runs through `kubespec
 * conformance` as a user's component or adapter would.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mutantFiles, runMutants } from './run-mutants.ts';

test('every seeded wrong implementation is rejected by the scenarios', { timeout: 1_200_000 }, async (t) => {
  const files = mutantFiles();
  assert.ok(files.length >= 20, `expected at least 20 mutants, found ${files.length}`);
  const runs = await runMutants(files);
  for (const r of runs) t.diagnostic(`${r.killed ? 'killed  ' : 'SURVIVED'} ${r.file} [${r.mutant.swap}]: ${r.evidence}`);
  const killed = runs.filter((r) => r.killed).length;
  t.diagnostic(`mutants: ${killed}/${runs.length} killed`);
  console.log(`mutants: ${killed}/${runs.length} killed`);
  const survivors = runs.filter((r) => !r.killed).map((r) => `${r.file} (${r.mutant.bug}): ${r.evidence}`);
  assert.deepEqual(survivors, [], `mutants that no scenario rejected:\n${survivors.join('\n')}`);
});
