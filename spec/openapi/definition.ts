/**
 * One definition of Kubernetes' OpenAPI document, reduced to the facts the
 * suite uses (see definitions.ts), and lookups over them.
 */
import { DEFINITIONS } from './definitions.ts';

export interface OpenApiDefinition {
  /** `group/version/Kind` (`v1/Pod` for the core group) when the definition is a kind. */
  gvk?: string;
  /** Fields a generated client model cannot do without. */
  required?: readonly string[];
  /** Each field's type: string, bool, int32, int64, float64, bytes, any, []T, map[string]T, or a definition name. */
  fields?: Readonly<Record<string, string>>;
  /** Set when the definition is one JSON value: time, micro-time, quantity, int-or-string, string, any. */
  scalar?: string;
}

const byGvk = new Map(Object.entries(DEFINITIONS).flatMap(([name, d]) => (d.gvk ? [[d.gvk, name] as const] : [])));

/** The definition name of a kind: `definitionOf('v1', 'Pod')` is `core.v1.Pod`. */
export function definitionOf(apiVersion: string, kind: string): string | undefined {
  return byGvk.get(`${apiVersion}/${kind}`);
}

export function definition(name: string): OpenApiDefinition {
  const d = DEFINITIONS[name];
  if (!d) throw new Error(`no OpenAPI definition ${name}`);
  return d;
}
