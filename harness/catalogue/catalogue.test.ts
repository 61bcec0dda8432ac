/** The catalogue and the scenarios stay in step: every behaviour has a scenario, every behaviour tag an entry. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { coverage, loadCatalogue, loadScenarios } from './catalogue.ts';

const catalogue = loadCatalogue();
const scenarios = loadScenarios();
const report = coverage(catalogue, scenarios);

test('every catalogue entry is covered by a scenario or waits on a named issue', (t) => {
  assert.deepEqual(report.uncovered.map((b) => b.id), []);
  if (report.pending.length) t.diagnostic(`pending: ${report.pending.map((b) => `${b.id} (issue ${b.pending})`).join(', ')}`);
});

test('every behaviour tag on a scenario names a catalogue entry', () => {
  assert.deepEqual(report.unknownTags.map((u) => `${u.tag} at ${u.scenario.file}:${u.scenario.line}`), []);
});

test('catalogue ids are unique and every entry traces to the note', () => {
  const ids = catalogue.map((b) => b.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
  for (const b of catalogue) {
    assert.ok(Array.isArray(b.seed) && b.seed.length > 0, `${b.id} traces to no SEED.md number`);
    assert.ok(b.statement?.length > 20, `${b.id} has no statement`);
  }
});

test('every numbered claim of SEED.md is traced by at least one entry', () => {
  const seedText = readFileSync(new URL('../../spec/seed-claims.txt', import.meta.url), 'utf8');
  const claims = seedText.split(/\s+/).filter(Boolean);
  const traced = new Set(catalogue.flatMap((b) => b.seed));
  assert.deepEqual(claims.filter((c) => !traced.has(c)), []);
});

test('an entry that a scenario covers is no longer marked pending', () => {
  const stale = catalogue.filter((b) => b.pending !== undefined && report.covered.has(b.id)).map((b) => b.id);
  assert.deepEqual(stale, [], 'remove `pending` from these entries');
});
