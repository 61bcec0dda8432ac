/**
 * Which nodes a pod may run on (k8s.io/component-helpers/scheduling/corev1/
 * nodeaffinity, GetRequiredNodeAffinity): its `nodeSelector`, a set of
 * labels the node must all carry, AND its required node affinity, a list
 * of terms of which at least one must hold. A term holds when each of its
 * matchExpressions holds on the node's labels and each of its matchFields
 * on the node's fields (only `metadata.name`); a term with neither holds
 * for no node, and so does a term with a malformed requirement.
 *
 * Example: nodeSelector {disk: ssd} and one term [{key: cpus, operator: Gt,
 * values: ["8"]}] select a node labelled disk=ssd,cpus=16 and not one
 * labelled disk=ssd,cpus=8 (nor one with no cpus label).
 */
import type { Node } from '../../spec/objects/node.ts';
import type { NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../spec/objects/pod.ts';

type Labels = Readonly<Record<string, string>>;

/** A label value as labels.Requirement compares it for Gt and Lt: a whole number (int64), else no match. */
function integer(value: string | undefined): bigint | undefined {
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return undefined;
  const n = BigInt(value);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

/** labels.NewRequirement's checks: In and NotIn need values; Exists and DoesNotExist none; Gt and Lt one whole number. */
function wellFormed(r: NodeSelectorRequirement): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      return values.length > 0;
    case 'Exists':
    case 'DoesNotExist':
      return values.length === 0;
    case 'Gt':
    case 'Lt':
      return values.length === 1 && integer(values[0]) !== undefined;
    default:
      return false;
  }
}

/** One requirement against a map of labels (or of fields): labels.Requirement.Matches. */
function holds(r: NodeSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(value!);
    case 'NotIn':
      return !has || !values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      const [mine, bound] = [integer(value), integer(values[0])];
      if (mine === undefined || bound === undefined) return false;
      return r.operator === 'Gt' ? mine > bound : mine < bound;
    }
    default:
      return false;
  }
}

/** A node's fields as a node selector term may ask for them. */
const nodeFields = (node: Node): Labels => ({ 'metadata.name': node.metadata.name ?? '' });

function fieldRequirementWellFormed(r: NodeSelectorRequirement): boolean {
  return r.key === 'metadata.name' && (r.operator === 'In' || r.operator === 'NotIn') && (r.values ?? []).length === 1;
}

export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  if (!expressions.every(wellFormed) || !fields.every(fieldRequirementWellFormed)) return false;
  const labels = node.metadata.labels ?? {};
  return expressions.every((r) => holds(r, labels)) && fields.every((r) => holds(r, nodeFields(node)));
}

/** Whether the pod asks anything of its node's labels or fields at all (most pods do not). */
export function hasRequiredNodeAffinity(pod: Pod): boolean {
  return Object.keys(pod.spec.nodeSelector ?? {}).length > 0 || pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined;
}

/** RequiredNodeAffinity.Match: the node carries every label of nodeSelector, and one of the required terms holds. */
export function matchesRequiredNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [key, value] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[key] !== value) return false;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return required === undefined || required.nodeSelectorTerms.some((t) => termMatches(t, node));
}
