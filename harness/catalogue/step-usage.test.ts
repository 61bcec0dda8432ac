/** The step library and the scenarios stay in step: no definition that no scenario uses, no step without exactly one definition. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepUsage } from './step-usage.ts';

const { definitions, steps } = await stepUsage();

test('every step definition is used by at least one scenario', (t) => {
  assert.deepEqual(definitions.filter((d) => d.uses === 0).map((d) => `${d.pattern} (${d.at})`), []);
  const uses = definitions.reduce((n, d) => n + d.uses, 0);
  t.diagnostic(`${definitions.length} step definitions, ${uses} uses, ${definitions.filter((d) => d.uses === 1).length} used once`);
});

test('every step of every scenario has exactly one definition', () => {
  assert.deepEqual(steps.filter((s) => s.definitions !== 1).map((s) => `${s.text} (${s.at}): ${s.definitions} definitions`), []);
});
