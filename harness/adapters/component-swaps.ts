/**
 * Component swaps: the reference control plane with one or more of its
 * components replaced by a user's module (spec/components.ts), so that
 * someone who writes only a scheduler, a controller or a kube-proxy can have
 * the scenarios judge it. `kubespec conformance --scheduler ./mine.ts`
 * passes the paths to the scenario run in KUBESPEC_SWAPS.
 */
import path from 'node:path';
import type { ComponentFactory, ComponentSwaps, KubeProxyContext } from '../../spec/components.ts';
import { ALL_CONTROLLERS } from '../../reference/controllers/all-controllers.ts';
import { exportNamed, importUserModule } from './module-import.ts';

/** Where each swapped-in component's module is. */
export interface SwapPaths {
  scheduler?: string;
  /** By controller name, as kube-controller-manager's --controllers flag names them. */
  controllers?: Record<string, string>;
  kubeProxy?: string;
}

export const SWAPS_ENV = 'KUBESPEC_SWAPS';

export class ComponentContractError extends Error {
  constructor(readonly problems: string[]) {
    super(`not a kubespec component:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee spec/components.ts for the contract.`);
    this.name = 'ComponentContractError';
  }
}

export const hasSwaps = (paths: SwapPaths): boolean =>
  Boolean(paths.scheduler || paths.kubeProxy || Object.keys(paths.controllers ?? {}).length);

/** The swaps the scenario run was asked for, if any. */
export function swapsFromEnv(env = process.env): SwapPaths {
  const text = env[SWAPS_ENV];
  return text ? (JSON.parse(text) as SwapPaths) : {};
}

/** The same paths made absolute (against the user's working directory), to hand to a process that runs elsewhere. */
export function absoluteSwaps(paths: SwapPaths): SwapPaths {
  return {
    ...(paths.scheduler ? { scheduler: path.resolve(paths.scheduler) } : {}),
    ...(paths.kubeProxy ? { kubeProxy: path.resolve(paths.kubeProxy) } : {}),
    ...(paths.controllers ? { controllers: Object.fromEntries(Object.entries(paths.controllers).map(([n, p]) => [n, path.resolve(p)])) } : {}),
  };
}

/** A short name for reports: `reference+scheduler`, `reference+replicaset+kube-proxy`. */
export function swapLabel(paths: SwapPaths): string {
  const parts = [...(paths.scheduler ? ['scheduler'] : []), ...Object.keys(paths.controllers ?? {}), ...(paths.kubeProxy ? ['kube-proxy'] : [])];
  return ['reference', ...parts].join('+');
}

async function loadFactory<C extends KubeProxyContext | Parameters<ComponentFactory>[0]>(role: string, file: string, problems: string[]): Promise<ComponentFactory<C> | undefined> {
  let mod: Record<string, unknown>;
  try {
    mod = await importUserModule(file);
  } catch (e) {
    problems.push(`${role}: could not load ${file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    return undefined;
  }
  const factory = exportNamed(mod, 'component', (v) => typeof v === 'function');
  if (typeof factory !== 'function') {
    problems.push(`${role}: ${file} must export a function (context) => Component as \`default\` or \`component\`, got ${factory === null ? 'null' : typeof factory}`);
    return undefined;
  }
  return factory as ComponentFactory<C>;
}

/** Loads every swapped-in module; all problems at once, as an error listing them. */
export async function loadSwaps(paths: SwapPaths): Promise<ComponentSwaps> {
  const problems: string[] = [];
  const swaps: ComponentSwaps = {};
  if (paths.scheduler) {
    const f = await loadFactory('--scheduler', paths.scheduler, problems);
    if (f) swaps.scheduler = f;
  }
  if (paths.kubeProxy) {
    const f = await loadFactory<KubeProxyContext>('--kube-proxy', paths.kubeProxy, problems);
    if (f) swaps.kubeProxy = f;
  }
  for (const [name, file] of Object.entries(paths.controllers ?? {})) {
    if (!Object.hasOwn(ALL_CONTROLLERS, name)) {
      problems.push(`--controller ${name}: kube-controller-manager runs no controller by that name; the names are ${Object.keys(ALL_CONTROLLERS).join(', ')}`);
      continue;
    }
    const f = await loadFactory(`--controller ${name}`, file, problems);
    if (f) (swaps.controllers ??= {})[name] = f;
  }
  if (problems.length) throw new ComponentContractError(problems);
  return swaps;
}

/** Parses `--controller NAME=PATH` values. */
export function controllerSwaps(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new Error(`--controller takes NAME=PATH (e.g. replicaset=./my-replicaset.ts), got "${v}"`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}
