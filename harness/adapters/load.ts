/**
 * Finds the adapter to test: a built-in name ('reference') or a module path
 * exporting one (`default` or `adapter`), checked against the contract.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register as registerCommonJs } from 'tsx/cjs/api';
import { tsImport } from 'tsx/esm/api';
import type { Adapter } from '../../spec/adapter.ts';
import { AdapterContractError, contractProblems } from './contract-check.ts';

const BUILT_IN: Record<string, () => Promise<Adapter>> = {
  reference: async () => (await import('./reference.ts')).referenceAdapter,
};

/** Is this the name of a built-in adapter (rather than a module path)? */
export const isBuiltIn = (spec: string): boolean => Object.hasOwn(BUILT_IN, spec);

export async function loadAdapter(spec = process.env.KUBESPEC_ADAPTER ?? 'reference'): Promise<Adapter> {
  const builtIn = BUILT_IN[spec];
  if (builtIn) return builtIn();
  const file = path.resolve(spec);
  // A CommonJS adapter require()s kubespec's TypeScript modules: let require load .ts too.
  registerCommonJs();
  let mod: Record<string, unknown>;
  try {
    // tsImport, not import(): the user's project may be CommonJS (npm init's
    // default), where a .ts adapter would be compiled to require() calls that
    // cannot load kubespec's ES modules; tsImport loads it as an ES module.
    mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new AdapterContractError(spec, [`could not load ${file}: ${why}`, `built-in adapters: ${Object.keys(BUILT_IN).join(', ')}`]);
  }
  const candidate = exported(mod);
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

/** `export default`, `export const adapter`, or a CommonJS module.exports (seen as `default`, maybe nested once). */
function exported(mod: Record<string, unknown>): unknown {
  const def = mod.default as Record<string, unknown> | undefined;
  if (def && typeof def === 'object' && !('start' in def) && ('default' in def || 'adapter' in def)) return def.default ?? def.adapter;
  return def ?? mod.adapter;
}
