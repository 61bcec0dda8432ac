/**
 * ValidateAffinity's node part (pkg/apis/core/validation): a required node
 * affinity has at least one term; each requirement's values fit its
 * operator (In and NotIn need some, Exists and DoesNotExist none, Gt and Lt
 * exactly one); a field requirement names `metadata.name` with In or NotIn
 * and one value. The shape itself is the schema's to report.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../../../spec/objects/pod.ts';
import type { StatusCause } from '../../../../spec/objects/status.ts';
import { invalid } from '../validation.ts';

const requiredValue = (field: string, message: string): StatusCause => ({ type: 'FieldValueRequired', field, message: `Required value: ${message}` });
const forbidden = (field: string, message: string): StatusCause => ({ type: 'FieldValueForbidden', field, message: `Forbidden: ${message}` });

/** ValidateNodeSelectorRequirement. */
function expressionCauses(r: NodeSelectorRequirement, at: string): StatusCause[] {
  const count = r.values?.length ?? 0;
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      return count === 0 ? [requiredValue(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'")] : [];
    case 'Exists':
    case 'DoesNotExist':
      return count > 0 ? [forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")] : [];
    case 'Gt':
    case 'Lt':
      return count !== 1 ? [requiredValue(`${at}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'")] : [];
    default:
      return [invalid(`${at}.operator`, r.operator, 'not a valid selector operator')];
  }
}

/** ValidateNodeFieldSelectorRequirement. */
function fieldCauses(r: NodeSelectorRequirement, at: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (r.operator !== 'In' && r.operator !== 'NotIn') causes.push(invalid(`${at}.operator`, r.operator, 'not a valid selector operator'));
  else if ((r.values?.length ?? 0) !== 1) causes.push(requiredValue(`${at}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  if (r.key !== 'metadata.name') causes.push(invalid(`${at}.key`, r.key, 'not a valid field selector key'));
  return causes;
}

function termCauses(term: NodeSelectorTerm, at: string): StatusCause[] {
  return [
    ...(term.matchExpressions ?? []).flatMap((r, i) => expressionCauses(r, `${at}.matchExpressions[${i}]`)),
    ...(term.matchFields ?? []).flatMap((r, i) => fieldCauses(r, `${at}.matchFields[${i}]`)),
  ];
}

export function nodeAffinityCauses(pod: Pod): StatusCause[] {
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const preferred = pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const base = 'spec.affinity.nodeAffinity';
  const causes: StatusCause[] = [];
  if (required) {
    const at = `${base}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    if (required.nodeSelectorTerms.length === 0) causes.push(requiredValue(at, 'must have at least one node selector term'));
    required.nodeSelectorTerms.forEach((t, i) => causes.push(...termCauses(t, `${at}[${i}]`)));
  }
  preferred.forEach((p, i) => {
    const at = `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    if (p.weight < 1 || p.weight > 100) causes.push(invalid(`${at}.weight`, p.weight, 'must be in the range 1-100'));
    causes.push(...termCauses(p.preference, `${at}.preference`));
  });
  return causes;
}
