/**
 * Finds the adapter to test: a built-in name ('reference') or a module path
 * exporting one (`default` or `adapter`), checked against the contract.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Adapter } from '../../spec/adapter.ts';
import { AdapterContractError, contractProblems } from './contract-check.ts';

const BUILT_IN: Record<string, () => Promise<Adapter>> = {
  reference: async () => (await import('./reference.ts')).referenceAdapter,
};

export async function loadAdapter(spec = process.env.KUBESPEC_ADAPTER ?? 'reference'): Promise<Adapter> {
  const builtIn = BUILT_IN[spec];
  if (builtIn) return builtIn();
  const file = path.resolve(spec);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new AdapterContractError(spec, [`could not load ${file}: ${why}`, `built-in adapters: ${Object.keys(BUILT_IN).join(', ')}`]);
  }
  const candidate = mod.default ?? mod.adapter;
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
