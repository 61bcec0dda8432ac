/**
 * The behaviour catalogue (spec/behaviours.yaml) and the scenarios that
 * carry its ids as tags, read with cucumber's own Gherkin parser.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, type GherkinDocument } from '@cucumber/messages';
import { parse as parseYaml } from 'yaml';

export interface Behaviour {
  id: string;
  seed: string[];
  component: string;
  statement: string;
  /** The issue whose component will cover it, until a scenario does. */
  pending?: number | string;
}

export interface ScenarioRef {
  file: string;
  line: number;
  name: string;
  tags: string[];
}

/** Behaviour ids look like `component.what-it-does`; other tags are capabilities or components. */
export const BEHAVIOUR_TAG = /^@([a-z0-9-]+\.[a-z0-9.-]+)$/;

export function loadCatalogue(root = process.cwd()): Behaviour[] {
  const entries = parseYaml(readFileSync(path.join(root, 'spec/behaviours.yaml'), 'utf8')) as Behaviour[];
  if (!Array.isArray(entries)) throw new Error('spec/behaviours.yaml must be a list of behaviours');
  return entries;
}

function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? featureFiles(path.join(dir, e.name)) : e.name.endsWith('.feature') ? [path.join(dir, e.name)] : [],
  );
}

function parseFeature(file: string): GherkinDocument {
  const parser = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher());
  return parser.parse(readFileSync(file, 'utf8'));
}

/** Every scenario with its effective tags (feature, rule, scenario and examples tags together). */
export function loadScenarios(root = process.cwd()): ScenarioRef[] {
  const out: ScenarioRef[] = [];
  for (const file of featureFiles(path.join(root, 'features'))) {
    const feature = parseFeature(file).feature;
    if (!feature) continue;
    const featureTags = feature.tags.map((t) => t.name);
    const visit = (children: typeof feature.children, inherited: string[]) => {
      for (const child of children) {
        if (child.rule) visit(child.rule.children as typeof feature.children, [...inherited, ...child.rule.tags.map((t) => t.name)]);
        const s = child.scenario;
        if (!s) continue;
        const exampleTags = s.examples.flatMap((e) => e.tags.map((t) => t.name));
        out.push({
          file: path.relative(root, file),
          line: s.location.line,
          name: s.name,
          tags: [...new Set([...inherited, ...s.tags.map((t) => t.name), ...exampleTags])],
        });
      }
    };
    visit(feature.children, featureTags);
  }
  return out;
}

export interface CoverageReport {
  covered: Map<string, ScenarioRef[]>;
  pending: Behaviour[];
  uncovered: Behaviour[];
  unknownTags: Array<{ tag: string; scenario: ScenarioRef }>;
}

/** Which entries have scenarios, which wait on an issue, and which tags point nowhere. */
export function coverage(catalogue: Behaviour[], scenarios: ScenarioRef[]): CoverageReport {
  const ids = new Set(catalogue.map((b) => b.id));
  const covered = new Map<string, ScenarioRef[]>();
  const unknownTags: CoverageReport['unknownTags'] = [];
  for (const s of scenarios) {
    for (const tag of s.tags) {
      const m = BEHAVIOUR_TAG.exec(tag);
      if (!m) continue;
      if (!ids.has(m[1]!)) unknownTags.push({ tag, scenario: s });
      else covered.set(m[1]!, [...(covered.get(m[1]!) ?? []), s]);
    }
  }
  const notCovered = catalogue.filter((b) => !covered.has(b.id));
  return {
    covered,
    pending: notCovered.filter((b) => b.pending !== undefined),
    uncovered: notCovered.filter((b) => b.pending === undefined),
    unknownTags,
  };
}
