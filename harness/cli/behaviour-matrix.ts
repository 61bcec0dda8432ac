/**
 * The behaviour-coverage matrix (DESIGN.md, Reports): each catalogue entry,
 * the note's claims it traces, how many scenarios cover it, and their
 * verdicts per adapter, read from each run's cucumber messages.
 * `npm test` writes it to reports/behaviour-matrix.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { coverage, loadCatalogue, loadScenarios, type Behaviour } from '../catalogue/catalogue.ts';
import { MessageReader, summarize, type Counts, type ScenarioResult } from './conformance-report.ts';

const cell = (c: Counts | undefined): string =>
  !c ? '–' : [c.passed && `${c.passed} ✔`, c.failed && `${c.failed} ✘`, c.skipped && `${c.skipped} skipped`].filter(Boolean).join(', ') || '–';

export function behaviourMatrix(catalogue: Behaviour[], scenarioCount: Map<string, number>, runs: Array<[adapter: string, results: ScenarioResult[]]>): string {
  const summaries = runs.map(([adapter, results]) => [adapter, summarize(results).behaviours] as const);
  const header = ['behaviour', 'note', 'scenarios written', ...summaries.map(([adapter]) => adapter)];
  const rows = catalogue.map((b) => [
    `\`${b.id}\``,
    b.seed.join(', '),
    String(scenarioCount.get(b.id) ?? 0),
    ...summaries.map(([, behaviours]) => cell(behaviours.get(b.id))),
  ]);
  return [
    '# Behaviour coverage',
    '',
    'Each entry of spec/behaviours.yaml, the claims of the note (SEED.md) it traces, how many scenarios carry its id, and the verdicts of their runs per adapter (a Scenario Outline runs once per example).',
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
}

export interface BehaviourCoverage {
  id: string;
  component: string;
  /** What the entry says the cluster does. */
  statement: string;
  /** The note's claims (SEED.md numbers) it traces. */
  claims: string[];
  scenarios: number;
  /** Per adapter: verdict counts and why scenarios were skipped (reason -> count). */
  adapters: Record<string, { passed: number; failed: number; skipped: number; skipReasons: Record<string, number> }>;
}

/** The same matrix for machines: reports/behaviour-coverage.json. */
export function behaviourCoverage(catalogue: Behaviour[], scenarioCount: Map<string, number>, runs: Array<[adapter: string, results: ScenarioResult[]]>): BehaviourCoverage[] {
  return catalogue.map((b) => ({
    id: b.id,
    component: b.component,
    statement: b.statement,
    claims: b.seed,
    scenarios: scenarioCount.get(b.id) ?? 0,
    adapters: Object.fromEntries(
      runs.map(([adapter, results]) => {
        const mine = results.filter((r) => r.tags.includes(`@${b.id}`));
        const { total, skipReasons } = summarize(mine);
        return [adapter, { ...total, skipReasons: Object.fromEntries(skipReasons) }];
      }),
    ),
  }));
}

function readResults(file: string): ScenarioResult[] {
  const reader = new MessageReader();
  for (const line of readFileSync(file, 'utf8').split('\n')) reader.line(line);
  return reader.results;
}

/** Writes the matrix from the runs whose message files exist: `adapter=path` pairs. */
export function writeBehaviourMatrix(root: string, sources: Record<string, string>, out = 'reports/behaviour-matrix.md'): string {
  const catalogue = loadCatalogue(root);
  const counts = new Map([...coverage(catalogue, loadScenarios(root)).covered].map(([id, s]) => [id, s.length]));
  const runs = Object.entries(sources)
    .filter(([, file]) => existsSync(path.join(root, file)))
    .map(([adapter, file]) => [adapter, readResults(path.join(root, file))] as [string, ScenarioResult[]]);
  const text = behaviourMatrix(catalogue, counts, runs);
  writeFileSync(path.join(root, out), text);
  const json = out.replace(/behaviour-matrix\.md$/, 'behaviour-coverage.json');
  writeFileSync(path.join(root, json), JSON.stringify({ adapters: runs.map(([a]) => a), behaviours: behaviourCoverage(catalogue, counts, runs) }, null, 2) + '\n');
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = writeBehaviourMatrix(process.cwd(), {
    reference: 'reports/cucumber-messages.ndjson',
    http: 'reports/conformance-http/conformance-messages.ndjson',
    'real-k8s': 'reports/conformance-real-k8s/conformance-messages.ndjson',
  });
  console.log(`behaviour matrix: ${out} (and reports/behaviour-coverage.json)`);
}
