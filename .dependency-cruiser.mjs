// The layering of DESIGN.md, "The rules that make it a faithful model", as
// dependency rules. `npm test` checks them (reference/layering.test.ts), and
// `npm run deps` prints the violations on their own.
//
// Paths are relative to the repository root. Every import counts: value,
// type-only (`import type`, `x: import('…').T`), dynamic `import()`,
// side-effect `import '…'` and re-exports (`export … from`). The swc parser
// reads the TypeScript itself, so type-only imports are never erased before
// they are seen (TypeScript 7, the project's compiler, has no JavaScript API
// that dependency-cruiser can use).
//
// Known gaps of the extraction, so nobody trusts it past them: a type alias
// written `type S = import('…').T` is not seen, and a module that both imports
// and re-exports the same module is recorded as importing it only.

const COMPONENT = '(scheduler|controllers|kubelet|proxy|apiserver)';
const WIRING = '^reference/(cluster|stacked-control-plane)[.]ts$';
/** What runs etcd's processes for api-servers: `kubespec serve` on etcd, and the fault tests' etcd cluster. */
const ETCD_RUNNERS = '^harness/(cli/serve-store|faults/etcd-cluster)[.]ts$';

/** A cycle that was there when the rule came in: tolerated, while any new one fails. */
const knownCycle = (...modules) => ({
  type: 'cycle',
  from: modules[0],
  to: modules[1],
  rule: { name: 'no-circular', severity: 'error' },
  cycle: modules.map((name) => ({ name, dependencyTypes: [] })),
});

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'only-the-api-server-holds-a-store',
      comment:
        'A3: the api-server is the only component that talks to etcd. Only the store itself, the api-server, ' +
        'and the wiring that builds a store and hands it to api-servers may import a store module.',
      severity: 'error',
      from: { pathNot: ['^reference/(store|apiserver)/', WIRING, ETCD_RUNNERS] },
      to: { path: '^reference/store/' },
    },
    {
      name: 'the-store-is-not-handed-on',
      comment:
        'A3 cannot be dodged through a re-export: a module outside the store that re-exports a store module ' +
        '(even inside the api-server, which may hold one) would hand the store to whoever imports it.',
      severity: 'error',
      from: { pathNot: '^reference/store/' },
      to: { path: '^reference/store/', dependencyTypes: ['export'] },
    },
    {
      name: 'components-do-not-import-each-other',
      comment:
        'Components talk only through the API and watches (rule 2). The scheduler, controllers, kubelet, proxy ' +
        'and api-server may use reference/client, reference/api, reference/runtime and spec/, not each other.',
      severity: 'error',
      from: { path: `^reference/${COMPONENT}/` },
      to: { path: `^reference/${COMPONENT}/`, pathNot: '^reference/$1/' },
    },
    {
      name: 'components-do-not-import-the-wiring',
      comment:
        'The wiring (a whole control plane) imports every component, so a component importing it imports them ' +
        'all. Tests are exempt: a property test of a controller runs it inside a whole cluster.',
      severity: 'error',
      from: { path: `^reference/${COMPONENT}/`, pathNot: '[.]test[.]ts$' },
      to: { path: WIRING },
    },
    {
      name: 'shared-layers-import-no-component',
      comment:
        'reference/client, reference/api, reference/runtime and the store sit under the components: ' +
        'they import none of them, nor the wiring.',
      severity: 'error',
      from: { path: '^reference/(client|api|runtime|store)/' },
      to: { path: [`^reference/${COMPONENT}/`, WIRING] },
    },
    {
      name: 'spec-stands-alone',
      comment: 'spec/ is the contract: it imports nothing from the reference implementation or the harness.',
      severity: 'error',
      from: { path: '^spec/' },
      to: { path: '^(reference|harness|bin|bench)/' },
    },
    {
      name: 'reference-does-not-import-the-harness',
      comment: 'The reference implementation does not know it is under test: nothing in reference/ imports harness/, bin/ or bench/.',
      severity: 'error',
      from: { path: '^reference/' },
      to: { path: '^(harness|bin|bench)/' },
    },
    {
      name: 'docs-use-only-the-package-exports',
      comment:
        'An example in docs/ is written as a user would write it: against what the package exports (kubespec, ' +
        'kubespec/components, kubespec/adapters), never by a path into the repository.',
      severity: 'error',
      from: { path: '^docs/' },
      to: { pathNot: '^docs/', dependencyTypes: ['local'] },
    },
    {
      name: 'no-circular',
      comment: 'Modules form no import cycle (the ones that were there when this rule came in are listed in knownViolations).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable-import',
      comment: 'An import the tool cannot resolve is an edge no rule can see: a typo, or a hole in these checks.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|reports)/' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.mjs', '.js'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    knownViolations: [
      // Both are type-only: node-status.ts takes the KubeletConfig type from kubelet.ts,
      // and each subcommand takes the Command type from the command table.
      knownCycle('reference/kubelet/kubelet.ts', 'reference/kubelet/node-status.ts'),
      knownCycle('harness/cli/kubespec.ts', 'harness/cli/serve.ts'),
      knownCycle('harness/cli/kubespec.ts', 'harness/cli/schedule.ts'),
      knownCycle('harness/cli/kubespec.ts', 'harness/cli/iptables.ts'),
      knownCycle('harness/cli/kubespec.ts', 'harness/cli/conformance.ts'),
    ],
  },
};
