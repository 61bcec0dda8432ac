/**
 * The conformance summary from cucumber's message stream: verdicts per
 * scenario (worst step wins; undefined counts as failed), skip reasons from
 * the Before hook's log, counts per component and per catalogue entry.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSummary, MessageReader, summarize, type ScenarioResult } from './conformance-report.ts';

function envelopes(name: string, tags: string[], statuses: string[], log?: string): string[] {
  const out = [
    { pickle: { id: `p-${name}`, uri: 'features/x.feature', name, tags: tags.map((t) => ({ name: t })) } },
    { testCase: { id: `t-${name}`, pickleId: `p-${name}` } },
    { testCaseStarted: { id: `s-${name}`, testCaseId: `t-${name}` } },
    ...(log ? [{ attachment: { testCaseStartedId: `s-${name}`, body: log } }] : []),
    ...statuses.map((status) => ({ testStepFinished: { testCaseStartedId: `s-${name}`, testStepResult: { status, ...(status === 'FAILED' ? { message: 'AssertionError: boom\n  at x' } : {}) } } })),
    { testCaseFinished: { testCaseStartedId: `s-${name}` } },
  ];
  return out.map((e) => JSON.stringify(e));
}

describe('conformance report', () => {
  const seen: ScenarioResult[] = [];
  const reader = new MessageReader((r) => seen.push(r));
  for (const line of [
    ...envelopes('ok', ['@component:scheduler', '@scheduler.filters-by-free-resources'], ['PASSED', 'PASSED']),
    ...envelopes('broken', ['@component:scheduler', '@component:kubelet', '@scheduler.filters-by-free-resources'], ['PASSED', 'FAILED', 'SKIPPED']),
    ...envelopes('gated', ['@component:kubelet', '@store-audit'], ['SKIPPED', 'SKIPPED'], 'skipped: adapter "http" lacks store-audit'),
    ...envelopes('unwritten', ['@component:kubelet'], ['PASSED', 'UNDEFINED']),
    'not a message line',
  ]) reader.line(line);

  it('gives each scenario the verdict of its worst step, as it finishes', () => {
    assert.deepEqual(seen.map((r) => [r.name, r.verdict, r.detail]), [
      ['ok', 'passed', undefined],
      ['broken', 'failed', 'AssertionError: boom'],
      ['gated', 'skipped', 'skipped: adapter "http" lacks store-audit'],
      ['unwritten', 'failed', 'undefined'],
    ]);
  });

  it('counts per component and per catalogue entry, and groups skip reasons', () => {
    const s = summarize(reader.results);
    assert.deepEqual(s.total, { passed: 1, failed: 2, skipped: 1 });
    assert.deepEqual(s.components.get('scheduler'), { passed: 1, failed: 1, skipped: 0 });
    assert.deepEqual(s.components.get('kubelet'), { passed: 0, failed: 2, skipped: 1 });
    assert.deepEqual(s.behaviours.get('scheduler.filters-by-free-resources'), { passed: 1, failed: 1, skipped: 0 });
    assert.equal(s.behaviours.has('store-audit'), false, 'a capability tag is not a catalogue entry');
    const text = formatSummary(s, [
      { id: 'scheduler.filters-by-free-resources', seed: [], component: 'kube-scheduler', statement: '' },
      { id: 'kubelet.reports-pod-state', seed: [], component: 'kubelet', statement: '', pending: 5 },
    ]);
    assert.match(text, /kubelet\.reports-pod-state\s+pending \(5\)/);
    assert.match(text, /1 x skipped: adapter "http" lacks store-audit/);
    assert.match(text, /^4 scenarios: 1 passed, 2 failed, 1 skipped$/m);
  });
});
