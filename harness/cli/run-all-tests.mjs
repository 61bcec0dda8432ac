#!/usr/bin/env node
// `npm test`: the type check, then every test, under c8 coverage of
// reference/, ending with one plain line `N passed, N failed, N skipped` that
// counts the type check, scenarios and tests together. Exits non-zero on any
// failure (a type error, a failed test, a failed scenario, a coverage
// threshold, or a suite that could not run).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { httpConformanceStage } from './http-conformance-stage.mjs';
import { realK8sConformanceStage } from './real-k8s-conformance-stage.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const coverageTmp = path.join(root, 'reports/.v8-coverage');
rmSync(coverageTmp, { recursive: true, force: true });
mkdirSync(coverageTmp, { recursive: true });
const bin = (name) => path.join(root, 'node_modules/.bin', name);

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
    const full = path.join(dir, e.name);
    return e.isDirectory() ? testFiles(full) : e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/**
 * c8 12 stops at a source map of a module that has no file (tsx's tsImport
 * loads a user's CommonJS adapter from a data: URL). Such a module is never
 * part of reference/, so its source map is dropped before the report.
 */
function dropNonFileSourceMaps(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const coverage = JSON.parse(readFileSync(file, 'utf8'));
    const maps = coverage['source-map-cache'];
    if (!maps || Object.keys(maps).every((url) => url.startsWith('file:'))) continue;
    coverage['source-map-cache'] = Object.fromEntries(Object.entries(maps).filter(([url]) => url.startsWith('file:')));
    writeFileSync(file, JSON.stringify(coverage));
  }
}

/** Runs a command, echoing its output, and resolves with its exit code and what it printed. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
const coverageEnv = { NODE_V8_COVERAGE: coverageTmp };

// 0. The type check: tsx runs TypeScript without checking it, so the types
// (and the `satisfies` checks the code leans on) hold only if tsc says so.
// One test, named "typecheck"; its errors are printed as tsc wrote them.
console.log('\n== typecheck: tsc --noEmit -p . ==');
const typecheck = await run(bin('tsc'), ['--noEmit', '-p', '.']);
if (typecheck.code === 0) {
  totals.passed += 1;
  console.log('typecheck passed');
} else {
  totals.failed += 1;
  const errors = typecheck.out.match(/error TS\d+/g)?.length ?? 0;
  console.log(`typecheck failed: ${errors} type error${errors === 1 ? '' : 's'} (exit ${typecheck.code})`);
}

// 1. Unit and property tests (node:test), TypeScript through tsx.
const files = ['reference', 'harness', 'spec', 'bin', 'bench'].flatMap((d) => {
  try { return testFiles(path.join(root, d)); } catch { return []; }
}).map((f) => path.relative(root, f)).sort();
console.log(`\n== node --test: ${files.length} files ==`);
const unit = await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], coverageEnv);
const count = (label) => Number(new RegExp(`^\\S*\\s*${label} (\\d+)`, 'm').exec(unit.out)?.[1] ?? NaN);
const [pass, fail, skipped, todo, cancelled] = ['pass', 'fail', 'skipped', 'todo', 'cancelled'].map(count);
if ([pass, fail].some(Number.isNaN)) problems.push('node --test printed no summary');
totals.passed += pass || 0;
totals.failed += (fail || 0) + (cancelled || 0) + (todo || 0);
totals.skipped += skipped || 0;
if (unit.code !== 0 && !(fail > 0)) problems.push(`node --test exited ${unit.code}`);

// 2. The conformance scenarios against the reference adapter.
console.log('\n== cucumber-js ==');
const bdd = await run(bin('cucumber-js'), [], coverageEnv);
const scenarioLine = /^(\d+) scenarios? \(([^)]*)\)/m.exec(bdd.out);
if (!scenarioLine) {
  if (!/^0 scenarios/m.test(bdd.out)) problems.push('cucumber-js printed no scenario summary');
} else {
  for (const part of scenarioLine[2].split(',')) {
    const [n, status] = part.trim().split(' ');
    if (status === 'passed') totals.passed += Number(n);
    else if (status === 'skipped') totals.skipped += Number(n);
    else totals.failed += Number(n); // failed, pending, undefined, ambiguous
  }
}
if (bdd.code !== 0 && totals.failed === 0) problems.push(`cucumber-js exited ${bdd.code}`);

// 2b. The same scenarios over HTTP: `kubespec serve` in the background, the http adapter against it.
console.log('\n== kubespec conformance --adapter http (against kubespec serve) ==');
const http = await httpConformanceStage(root, run, coverageEnv);
for (const k of ['passed', 'failed', 'skipped']) totals[k] += http.counts[k];
problems.push(...http.problems);

// 2c. The same scenarios against real Kubernetes (.ci/build-kubernetes builds it; skipped, with the reason, where it is not built).
console.log('\n== kubespec conformance --adapter real-k8s (Kubernetes\' own control plane) ==');
const real = await realK8sConformanceStage(root, run, coverageEnv, Number(scenarioLine?.[1] ?? 0));
for (const k of ['passed', 'failed', 'skipped']) totals[k] += real.counts[k];
problems.push(...real.problems);

// 3. Coverage of the reference implementation, with thresholds that fail the run. The live view's
// page (reference/ui/page/) runs in the browser, where c8 cannot see it: harness/ui/ tests it there.
console.log('\n== coverage of reference/ ==');
dropNonFileSourceMaps(coverageTmp);
const cov = await run(bin('c8'), [
  'report', '--temp-directory', coverageTmp, '--report-dir', 'reports/coverage',
  '--reporter=text-summary', '--reporter=lcov', '--reporter=html',
  '--include=reference/**', '--exclude=**/*.test.ts', '--exclude=reference/ui/page/**', '--exclude-after-remap',
  '--check-coverage', '--lines=80', '--functions=75', '--branches=70',
]);
if (cov.code !== 0) problems.push('coverage of reference/ is under its thresholds (lines 80, functions 75, branches 70)');

// 4. The behaviour-coverage matrix: every catalogue entry, its verdicts per adapter.
const matrix = await run(process.execPath, ['--import', 'tsx', 'harness/cli/behaviour-matrix.ts']);
if (matrix.code !== 0) problems.push('the behaviour matrix could not be written');

for (const p of problems) console.log(`problem: ${p}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || problems.length > 0 ? 1 : 0);
