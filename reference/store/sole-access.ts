/**
 * A3, enforced at build time: only the api-server (reference/apiserver/),
 * the store itself and the wiring that constructs them may import a store
 * module. Re-exports are followed, so a module cannot reach the store
 * through another module that passes store exports on, even one inside the
 * api-server.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Folders and files allowed to import the store, relative to the repository root. */
export const STORE_HOLDERS = ['reference/store/', 'reference/apiserver/'];
/** The wiring that constructs a store and hands it to api-servers (one control plane, or a stacked one for E3). */
export const WIRING = ['reference/cluster.ts', 'reference/stacked-control-plane.ts'];

export const isStoreModule = (file: string) => file.startsWith('reference/store/');
const mayHoldStore = (file: string) => STORE_HOLDERS.some((p) => file.startsWith(p)) || WIRING.includes(file);

export interface ModuleSource {
  file: string;
  text: string;
}

export interface Violation {
  file: string;
  /** The chain from the importing module to the store module. */
  via: string[];
}

const IMPORT = /\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;
const RE_EXPORT = /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s+from\s+['"]([^'"]+)['"]/g;

function resolve(from: string, spec: string, files: Set<string>): string | undefined {
  if (!spec.startsWith('.')) return undefined; // a package, not one of ours
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return [base, `${base}.ts`, `${base}/index.ts`].find((f) => files.has(f));
}

const specifiers = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3]!).filter(Boolean);

/** Every module outside the allowed places that reaches a store module directly or through re-exports. */
export function soleAccessViolations(modules: readonly ModuleSource[]): Violation[] {
  const files = new Set(modules.map((m) => m.file));
  const text = new Map(modules.map((m) => [m.file, m.text]));
  /** The store module a module hands on through its re-exports, if any. */
  const reExportsStore = (file: string, seen = new Set<string>()): string[] | undefined => {
    if (isStoreModule(file)) return [file];
    if (seen.has(file)) return undefined;
    seen.add(file);
    for (const spec of specifiers(text.get(file) ?? '', RE_EXPORT)) {
      const target = resolve(file, spec, files);
      const chain = target && reExportsStore(target, seen);
      if (chain) return [file, ...chain];
    }
    return undefined;
  };
  const violations: Violation[] = [];
  for (const { file, text: source } of modules) {
    if (mayHoldStore(file)) continue;
    for (const spec of specifiers(source, IMPORT)) {
      const target = resolve(file, spec, files);
      const chain = target && reExportsStore(target);
      if (chain) violations.push({ file, via: chain });
    }
  }
  return violations;
}

/** The repository's TypeScript and JavaScript modules, outside node_modules and hidden folders. */
export function repositoryModules(root: string, folders = ['reference', 'harness', 'spec', 'bin', 'bench', 'features']): ModuleSource[] {
  const walk = (dir: string): string[] => {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return [];
    }
    return entries.flatMap((e) => {
      if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
      const rel = path.posix.join(dir, e.name);
      return e.isDirectory() ? walk(rel) : /\.(ts|mts|js|mjs)$/.test(e.name) ? [rel] : [];
    });
  };
  return folders.flatMap(walk).map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));
}
