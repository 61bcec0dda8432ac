// `npm run mutation`: Stryker mutates the scheduler, the controllers and
// kube-proxy, and runs the scenarios (cucumber, against the reference) on
// each mutant; a mutant no scenario kills is a behaviour the suite does not
// pin down. Per-scenario coverage keeps each mutant's run to the scenarios
// that reach the mutated code. The stacked-etcd scenarios (real etcd
// processes, seconds each) are left out: they are about the store.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'cucumber',
  cucumber: { tags: ['not @stacked-etcd'] },
  mutate: [
    'reference/scheduler/**/*.ts',
    'reference/controllers/**/*.ts',
    'reference/proxy/**/*.ts',
    '!**/*.test.ts',
    '!reference/scheduler/framework/fixtures.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20000,
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  // Our tsconfig needs no rewriting (no extends, no project references), and
  // Stryker's rewriter calls TypeScript's JavaScript API, which TypeScript 7
  // no longer has: point it at a file that does not exist, so it skips.
  tsconfigFile: 'no-tsconfig-rewrite.json',
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
};
