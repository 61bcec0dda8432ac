/**
 * Which step definitions the scenarios use, and how often: the step
 * library loaded as cucumber-js loads it (cucumber.mjs), matched against
 * every step of every scenario (outlines expanded), with cucumber's own
 * matching.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { loadConfiguration, loadSupport } from '@cucumber/cucumber/api';

export interface DefinitionUse {
  pattern: string;
  /** Where it is defined, `harness/steps/x.steps.ts:12`. */
  at: string;
  uses: number;
}

export interface ScenarioStep {
  text: string;
  /** Where it is written, `features/x/y.feature: scenario name`. */
  at: string;
  definitions: number;
}

/** What cucumber's support library holds for each step definition (its public type leaves them out). */
interface StepDefinition {
  readonly pattern: string | RegExp;
  readonly uri: string;
  readonly line: number;
  matchesStepName(text: string): boolean;
}

function stepDefinitionsOf(library: object): StepDefinition[] {
  const definitions: unknown = 'stepDefinitions' in library ? library.stepDefinitions : undefined;
  if (!Array.isArray(definitions)) throw new Error('the support code library cucumber-js loaded has no stepDefinitions: has its shape changed?');
  return definitions as StepDefinition[];
}

function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? featureFiles(path.join(dir, e.name)) : e.name.endsWith('.feature') ? [path.join(dir, e.name)] : [],
  );
}

/** Every step of every scenario, as cucumber runs them (Background steps and Examples rows included). */
function scenarioSteps(root: string): Array<{ text: string; at: string }> {
  const newId = IdGenerator.incrementing();
  return featureFiles(path.join(root, 'features')).flatMap((file) => {
    const uri = path.relative(root, file);
    const document = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher()).parse(readFileSync(file, 'utf8'));
    return compile(document, uri, newId).flatMap((pickle) => pickle.steps.map((s) => ({ text: s.text, at: `${uri}: ${pickle.name}` })));
  });
}

export async function stepUsage(root = process.cwd()): Promise<{ definitions: DefinitionUse[]; steps: ScenarioStep[] }> {
  const { runConfiguration } = await loadConfiguration({}, { cwd: root });
  const library = stepDefinitionsOf(await loadSupport(runConfiguration, { cwd: root }));
  const steps = scenarioSteps(root);
  const matches = library.map((d) => steps.filter((s) => d.matchesStepName(s.text)));
  return {
    definitions: library.map((d, i) => ({
      pattern: String(d.pattern),
      at: `${path.relative(root, d.uri)}:${d.line}`,
      uses: matches[i]!.length,
    })),
    steps: steps.map((s) => ({ ...s, definitions: matches.filter((m) => m.includes(s)).length })),
  };
}
