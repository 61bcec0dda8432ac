/**
 * Reads cucumber's message stream (one JSON envelope per line) into a
 * verdict per scenario, then a summary per component (`@component:*` tags)
 * and per catalogue entry (behaviour-id tags), with the reasons scenarios
 * were skipped.
 */
import { BEHAVIOUR_TAG, type Behaviour } from '../catalogue/catalogue.ts';

export type Verdict = 'passed' | 'failed' | 'skipped';
export interface ScenarioResult {
  name: string;
  uri: string;
  tags: string[];
  verdict: Verdict;
  /** The failing step's message, or why the scenario was skipped. */
  detail?: string;
}
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface Envelope {
  pickle?: { id: string; uri: string; name: string; tags: Array<{ name: string }> };
  testCase?: { id: string; pickleId: string };
  testCaseStarted?: { id: string; testCaseId: string };
  testStepFinished?: { testCaseStartedId: string; testStepResult: { status: string; message?: string } };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried?: boolean };
  attachment?: { testCaseStartedId?: string; body: string };
}

/** Cucumber's step statuses, worst first; pending, undefined and ambiguous count as failures, as `--strict` does. */
const WORST_FIRST = ['FAILED', 'AMBIGUOUS', 'UNDEFINED', 'PENDING', 'UNKNOWN', 'SKIPPED', 'PASSED'];
const verdictOf = (status: string): Verdict => (status === 'PASSED' ? 'passed' : status === 'SKIPPED' ? 'skipped' : 'failed');

/** Feed it envelopes as they arrive; `onResult` fires as each scenario finishes (the live progress). */
export class MessageReader {
  private readonly pickles = new Map<string, NonNullable<Envelope['pickle']>>();
  private readonly testCases = new Map<string, string>(); // testCase id -> pickle id
  private readonly started = new Map<string, { pickleId: string; worst: string; message?: string; logs: string[] }>();
  readonly results: ScenarioResult[] = [];
  /** When the scenario now running started (wall clock, ms), for the time limit. */
  lastStartedAt = 0;

  constructor(private readonly onResult: (r: ScenarioResult) => void = () => {}) {}

  hasRunning(): boolean {
    return this.started.size > 0;
  }

  /** Fails every scenario that started and never finished (its run was stopped), with `why`. */
  abandon(why: string): void {
    for (const run of this.started.values()) {
      const pickle = this.pickles.get(run.pickleId);
      if (!pickle) continue;
      const result: ScenarioResult = { name: pickle.name, uri: pickle.uri, tags: pickle.tags.map((t) => t.name), verdict: 'failed', detail: why };
      this.results.push(result);
      this.onResult(result);
    }
    this.started.clear();
  }

  line(text: string): void {
    if (!text.trim().startsWith('{')) return;
    const e = JSON.parse(text) as Envelope;
    if (e.pickle) this.pickles.set(e.pickle.id, e.pickle);
    if (e.testCase) this.testCases.set(e.testCase.id, e.testCase.pickleId);
    if (e.testCaseStarted) this.started.set(e.testCaseStarted.id, { pickleId: this.testCases.get(e.testCaseStarted.testCaseId) ?? '', worst: 'PASSED', logs: [] });
    if (e.attachment?.testCaseStartedId) this.started.get(e.attachment.testCaseStartedId)?.logs.push(e.attachment.body);
    if (e.testStepFinished) {
      const run = this.started.get(e.testStepFinished.testCaseStartedId);
      const { status, message } = e.testStepFinished.testStepResult;
      if (run && WORST_FIRST.indexOf(status) < WORST_FIRST.indexOf(run.worst)) {
        run.worst = status;
        run.message = message;
      }
    }
    if (e.testCaseStarted) this.lastStartedAt = Date.now();
    if (e.testCaseFinished && !e.testCaseFinished.willBeRetried) {
      const run = this.started.get(e.testCaseFinished.testCaseStartedId);
      this.started.delete(e.testCaseFinished.testCaseStartedId);
      const pickle = run && this.pickles.get(run.pickleId);
      if (!run || !pickle) return;
      const verdict = verdictOf(run.worst);
      const detail = verdict === 'skipped' ? run.logs.find((l) => /skipped|pending/.test(l)) : verdict === 'failed' ? run.message ?? run.worst.toLowerCase() : undefined;
      const result: ScenarioResult = { name: pickle.name, uri: pickle.uri, tags: pickle.tags.map((t) => t.name), verdict, ...(detail ? { detail: detail.split('\n')[0] } : {}) };
      this.results.push(result);
      this.onResult(result);
    }
  }
}

const add = (table: Map<string, Counts>, key: string, verdict: Verdict) => {
  const c = table.get(key) ?? { passed: 0, failed: 0, skipped: 0 };
  c[verdict]++;
  table.set(key, c);
};

export interface Summary {
  total: Counts;
  components: Map<string, Counts>;
  behaviours: Map<string, Counts>;
  skipReasons: Map<string, number>;
}

export function summarize(results: ScenarioResult[]): Summary {
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const components = new Map<string, Counts>();
  const behaviours = new Map<string, Counts>();
  const skipReasons = new Map<string, number>();
  for (const r of results) {
    total[r.verdict]++;
    for (const tag of new Set(r.tags)) {
      if (tag.startsWith('@component:')) add(components, tag.slice('@component:'.length), r.verdict);
      const id = BEHAVIOUR_TAG.exec(tag)?.[1];
      if (id) add(behaviours, id, r.verdict);
    }
    if (r.verdict === 'skipped') skipReasons.set(r.detail ?? 'skipped', (skipReasons.get(r.detail ?? 'skipped') ?? 0) + 1);
  }
  return { total, components, behaviours, skipReasons };
}

const fmt = (c: Counts) => `${String(c.passed).padStart(3)} passed ${String(c.failed).padStart(3)} failed ${String(c.skipped).padStart(3)} skipped`;

/** The end-of-run report: per component, per catalogue entry (with entries no scenario ran), skip reasons, and the totals line. */
export function formatSummary(s: Summary, catalogue: Behaviour[]): string {
  const width = Math.max(20, ...[...s.components.keys(), ...catalogue.map((b) => b.id)].map((k) => k.length)) + 2;
  const lines = ['', 'Per component:'];
  for (const [name, c] of [...s.components].sort(([a], [b]) => a.localeCompare(b))) lines.push(`  ${name.padEnd(width)}${fmt(c)}`);
  lines.push('', 'Per catalogue entry (spec/behaviours.yaml):');
  for (const b of catalogue) {
    const c = s.behaviours.get(b.id);
    lines.push(`  ${b.id.padEnd(width)}${c ? fmt(c) : b.pending !== undefined ? `pending (${b.pending})` : 'no scenario ran'}`);
  }
  if (s.skipReasons.size) {
    lines.push('', 'Skipped, and why:');
    for (const [why, n] of [...s.skipReasons].sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(3)} x ${why}`);
  }
  lines.push('', `${s.total.passed + s.total.failed + s.total.skipped} scenarios: ${s.total.passed} passed, ${s.total.failed} failed, ${s.total.skipped} skipped`);
  return lines.join('\n');
}
