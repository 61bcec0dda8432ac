/**
 * Whether one RBAC rule covers a request, as rbac/v1 helpers decide it:
 * the verb, the API group, the resource (with `pods/status` for a
 * subresource, `*` and `*\/status` as wildcards) and, when the rule lists
 * them, the object's name.
 */
import type { PolicyRule } from '../../../../spec/objects/rbac.ts';

/** The parts of a request RBAC looks at. */
export interface RuleRequest {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  name?: string;
}

const has = (list: readonly string[] | undefined, value: string) => (list ?? []).some((v) => v === '*' || v === value);

function resourceMatches(rule: PolicyRule, resource: string, subresource: string | undefined): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return (rule.resources ?? []).some((r) => r === '*' || r === combined || (subresource !== undefined && r === `*/${subresource}`));
}

export function ruleAllows(rule: PolicyRule, req: RuleRequest): boolean {
  return (
    has(rule.verbs, req.verb) &&
    has(rule.apiGroups, req.apiGroup) &&
    resourceMatches(rule, req.resource, req.subresource) &&
    (!rule.resourceNames?.length || (req.name !== undefined && rule.resourceNames.includes(req.name)))
  );
}

export function rulesAllow(rules: readonly PolicyRule[], req: RuleRequest): boolean {
  return rules.some((rule) => ruleAllows(rule, req));
}

/** Shorthand for writing policies: `rule(['get', 'list'], '', ['pods'])`. */
export function rule(verbs: string[], apiGroup: string | string[], resources: string[], resourceNames?: string[]): PolicyRule {
  return { verbs, apiGroups: Array.isArray(apiGroup) ? apiGroup : [apiGroup], resources, ...(resourceNames ? { resourceNames } : {}) };
}

export const READ = ['get', 'list', 'watch'];
export const READ_WRITE = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
