/**
 * `kubespec conformance --adapter reference|http|real-k8s|<module path> [--kubeconfig FILE] [--tags EXPR]`:
 * runs the scenarios against an adapter, shows each verdict as it comes,
 * and ends with a summary per component and per catalogue entry. Scenarios
 * that need a capability the adapter lacks are reported as skipped, with
 * the reason.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ALL_CONTROLLERS } from '../../reference/controllers/all-controllers.ts';
import { absoluteSwaps, controllerSwaps, SWAPS_ENV } from '../adapters/component-swaps.ts';
import { isBuiltIn, loadAdapter } from '../adapters/load.ts';
import { AdapterContractError, clusterProblems } from '../adapters/contract-check.ts';
import type { Adapter } from '../../spec/adapter.ts';
import { loadCatalogue } from '../catalogue/catalogue.ts';
import { formatSummary, MessageReader, summarize, type ScenarioResult } from './conformance-report.ts';
import type { Command } from './kubespec.ts';

const root = path.resolve(import.meta.dirname, '../..');
const MARK = { passed: '✔', failed: '✘', skipped: '-' } as const;

export const conformance: Command = {
  summary: 'run the conformance scenarios against an adapter (default: the built-in reference)',
  usage: `Usage: kubespec conformance [--adapter reference|http|real-k8s|PATH] [--kubeconfig FILE] [--tags EXPR]
                              [--scheduler PATH] [--controller NAME=PATH ...] [--kube-proxy PATH]

  --adapter     built-in name (reference, http, real-k8s) or a module exporting an Adapter (spec/adapter.ts);
                real-k8s starts Kubernetes' own control plane, built by .ci/build-kubernetes
  --kubeconfig  for --adapter http: the cluster to test, e.g. the one \`kubespec serve\` wrote
  --tags        a cucumber tag expression, e.g. "@component:scheduler"
  --fail-fast   stop at the first failing scenario
  --reports DIR where the reports go; default reports/conformance-<adapter>/
  --scenario-timeout SECONDS
                a scenario still running after this long fails, and the run
                stops (a runaway implementation); default 300
  --scheduler, --controller NAME=PATH, --kube-proxy
                run the reference with that component replaced by your module
                (spec/components.ts); controller names: ${Object.keys(ALL_CONTROLLERS).join(', ')}

Reports go to reports/conformance-<adapter>/ (HTML, JUnit, cucumber messages).`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        adapter: { type: 'string', default: 'reference' },
        kubeconfig: { type: 'string' },
        tags: { type: 'string' },
        scheduler: { type: 'string' },
        controller: { type: 'string', multiple: true },
        'kube-proxy': { type: 'string' },
        'fail-fast': { type: 'boolean', default: false },
        reports: { type: 'string' },
        'scenario-timeout': { type: 'string', default: '300' },
      },
    });
    const swaps = absoluteSwaps({
      ...(values.scheduler ? { scheduler: values.scheduler } : {}),
      ...(values['kube-proxy'] ? { kubeProxy: values['kube-proxy'] } : {}),
      ...(values.controller?.length ? { controllers: controllerSwaps(values.controller) } : {}),
    });
    // Cucumber runs in kubespec's own folder (its features and steps), so a
    // module path is made absolute here, against the user's working directory.
    const adapterSpec = isBuiltIn(values.adapter) ? values.adapter : path.resolve(values.adapter);
    const env: NodeJS.ProcessEnv = { ...process.env, KUBESPEC_ADAPTER: adapterSpec, [SWAPS_ENV]: JSON.stringify(swaps) };
    if (values.kubeconfig) env.KUBESPEC_KUBECONFIG = path.resolve(values.kubeconfig);
    // Refuse a broken adapter here, with its problems listed, before any scenario runs.
    const adapter = await loadAdapter(adapterSpec, swaps);
    // A user's adapter is started once, bare, to check it has what its capabilities promise.
    if (!isBuiltIn(adapterSpec)) await preflight(adapter, values.adapter);
    if (adapter.name === 'http' && !env.KUBESPEC_KUBECONFIG) throw new Error('--adapter http needs --kubeconfig FILE (or KUBESPEC_KUBECONFIG)');
    // Reports go to the user's working directory, not into node_modules/kubespec.
    const reportDir = path.resolve(values.reports ?? path.join('reports', `conformance-${adapter.name.replace(/[^\w.-]/g, '_')}`));
    env.KUBESPEC_REPORT_DIR = reportDir;
    console.log(`kubespec: adapter "${adapter.name}" with capabilities: ${[...adapter.capabilities].join(', ') || '(none)'}`);

    const reader = new MessageReader((r: ScenarioResult) => {
      console.log(`${MARK[r.verdict]} ${r.verdict.padEnd(7)} ${r.name}  (${r.uri})${r.detail ? `\n            ${r.detail}` : ''}`);
    });
    const limitS = Number(values['scenario-timeout']);
    if (!(limitS > 0)) throw new Error(`--scenario-timeout takes a number of seconds, got "${values['scenario-timeout']}"`);
    // A step that hangs fails by cucumber's own step timeout, no later than the scenario's limit.
    env.KUBESPEC_STEP_TIMEOUT_MS = String(Math.min(Number(env.KUBESPEC_STEP_TIMEOUT_MS ?? Infinity), limitS * 1000));
    const cucumberArgs = [
      '--config', 'harness/cli/conformance.cucumber.mjs',
      ...(values.tags ? ['--tags', values.tags] : []),
      ...(values['fail-fast'] ? ['--fail-fast'] : []),
    ];
    const child = spawn(process.execPath, [cucumberBin(), ...cucumberArgs], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      try {
        reader.line(line);
      } catch {
        console.log(line); // a step's own output, not a message
      }
    });
    // A scenario that blocks the event loop never lets a step timeout fire: watch from outside.
    let timedOut = false;
    const watchdog = setInterval(() => {
      if (reader.hasRunning() && Date.now() - reader.lastStartedAt > limitS * 1000) {
        timedOut = true;
        child.kill('SIGKILL');
      }
    }, 1000);
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
    clearInterval(watchdog);
    if (timedOut) reader.abandon(`exceeded the scenario time limit of ${limitS} s; the run was stopped`);
    const summary = summarize(reader.results);
    console.log(formatSummary(summary, loadCatalogue(root)));
    console.log(`reports: ${path.relative(process.cwd(), reportDir) || '.'}/`);
    return summary.total.failed > 0 || timedOut ? 1 : code;
  },
};

/**
 * cucumber-js' own entry script, wherever npm put the package: in a project
 * that installed kubespec, it is usually hoisted beside kubespec rather than
 * under node_modules/kubespec/node_modules.
 */
function cucumberBin(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@cucumber/cucumber/package.json');
  const { bin } = require(manifest) as { bin: Record<string, string> };
  return path.join(path.dirname(manifest), bin['cucumber-js']!);
}

/** Starts the adapter's cluster with no settings and no nodes, checks its members against its capabilities, and stops it. */
async function preflight(adapter: Adapter, source: string): Promise<void> {
  let cluster: Awaited<ReturnType<Adapter['start']>>;
  try {
    cluster = await adapter.start({});
  } catch (e) {
    throw new AdapterContractError(source, [`start({}) failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`]);
  }
  const problems = clusterProblems(cluster, adapter.capabilities);
  await (cluster as { stop?: () => Promise<void> }).stop?.();
  if (problems.length) throw new AdapterContractError(source, problems);
}
