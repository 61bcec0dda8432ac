/**
 * Finds the adapter to test: a built-in name ('reference') or a module path
 * exporting one (`default` or `adapter`), checked against the contract.
 */
import path from 'node:path';
import type { Adapter } from '../../spec/adapter.ts';
import { hasSwaps, loadSwaps, swapLabel, swapsFromEnv, type SwapPaths } from './component-swaps.ts';
import { AdapterContractError, contractProblems } from './contract-check.ts';
import { exportNamed, importUserModule } from './module-import.ts';

const BUILT_IN: Record<string, () => Promise<Adapter>> = {
  reference: async () => (await import('./reference.ts')).referenceAdapter,
};

/** Is this the name of a built-in adapter (rather than a module path)? */
export const isBuiltIn = (spec: string): boolean => Object.hasOwn(BUILT_IN, spec);

/**
 * The adapter to test. With component swaps (spec/components.ts; by default
 * those `kubespec conformance` passed in KUBESPEC_SWAPS), the reference with
 * those components replaced.
 */
export async function loadAdapter(spec = process.env.KUBESPEC_ADAPTER ?? 'reference', swaps: SwapPaths = swapsFromEnv()): Promise<Adapter> {
  if (hasSwaps(swaps)) {
    if (spec !== 'reference') throw new Error(`components can be swapped into the reference only, not into --adapter ${spec}`);
    return (await import('./reference.ts')).referenceAdapterWith(await loadSwaps(swaps), swapLabel(swaps));
  }
  const builtIn = BUILT_IN[spec];
  if (builtIn) return builtIn();
  const file = path.resolve(spec);
  let mod: Record<string, unknown>;
  try {
    mod = await importUserModule(file);
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new AdapterContractError(spec, [`could not load ${file}: ${why}`, `built-in adapters: ${Object.keys(BUILT_IN).join(', ')}`]);
  }
  const candidate = exportNamed(mod, 'adapter', (v) => typeof v === 'object' && v !== null && 'start' in v);
  const problems = contractProblems(candidate);
  if (problems.length) throw new AdapterContractError(spec, problems);
  return candidate as Adapter;
}

/** Lets later issues add built-ins (the HTTP adapter) without touching the loader's logic. */
export function registerBuiltInAdapter(name: string, load: () => Promise<Adapter>): void {
  BUILT_IN[name] = load;
}

// Any API server a kubeconfig names (KUBESPEC_KUBECONFIG), with the harness playing the kubelets.
registerBuiltInAdapter('http', async () => (await import('./http.ts')).httpAdapter);
// Kubernetes' own api-server, controller manager and scheduler, started by the harness (.ci/build-kubernetes builds them).
registerBuiltInAdapter('real-k8s', async () => (await import('./real-k8s/real-k8s.ts')).realK8sAdapter);

