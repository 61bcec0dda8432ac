/**
 * Imports a user's module (an adapter, a component) from a path, whatever
 * kind of project it sits in: tsImport loads it as an ES module even in a
 * CommonJS project (where a .ts file would otherwise be compiled to
 * require() calls that cannot load kubespec's ES modules), and require() of
 * kubespec's .ts files is registered for CommonJS .js modules.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register as registerCommonJs } from 'tsx/cjs/api';
import { tsImport } from 'tsx/esm/api';

export async function importUserModule(file: string): Promise<Record<string, unknown>> {
  registerCommonJs();
  return (await tsImport(pathToFileURL(path.resolve(file)).href, import.meta.url)) as Record<string, unknown>;
}

/**
 * The module's export under `name` or `default`, also when a CommonJS
 * module.exports arrives as `default` (maybe holding `default` or `name`
 * itself, as TypeScript compiles `export default` to CommonJS).
 */
export function exportNamed(mod: Record<string, unknown>, name: string, isIt: (v: unknown) => boolean): unknown {
  const def = mod.default as Record<string, unknown> | undefined;
  if (isIt(def)) return def;
  if (isIt(mod[name])) return mod[name];
  if (def && typeof def === 'object') return [def.default, def[name]].find(isIt) ?? def;
  return def ?? mod[name];
}
