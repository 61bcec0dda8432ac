/** Lookups over the facts from Kubernetes' OpenAPI document (definitions.ts). */
import { DEFINITIONS } from './definitions.ts';
import type { OpenApiDefinition } from './openapi-definition.ts';

export type { OpenApiDefinition };

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
