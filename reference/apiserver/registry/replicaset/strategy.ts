/**
 * The ReplicaSet's rules (pkg/registry/apps/replicaset/strategy.go and
 * ValidateReplicaSetSpec): a new ReplicaSet has an empty status, an update
 * keeps the status (the controller writes it through replicasets/status),
 * and its selector must be non-empty, well formed and select the pods its
 * template makes. Its size can also be read and set through
 * replicasets/scale.
 */
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import { ReplicaSet, type LabelSelector } from '../../../../spec/objects/replicaset.ts';
import type { StatusCause } from '../../../../spec/objects/status.ts';
import { labelSelectorAsSelector, SelectorError, type Selector } from '../../../api/label-selector.ts';
import { RESOURCES } from '../resources.ts';
import { genericStrategy, keepStatus, statusSubresource, type Strategy } from '../strategy.ts';
import { goJson, goStringMap, invalidValue } from '../validation.ts';
import { scaleSubresource } from './scale.ts';

const generic = genericStrategy(RESOURCES.get('replicasets')!, ReplicaSet);

/** The selector as field.Invalid prints it: json.Marshal of metav1.LabelSelector, whose fields are all omitempty. */
export function goLabelSelector(s: LabelSelector): string {
  const expressions = (s.matchExpressions ?? []).map((r) => ({ key: r.key, operator: r.operator, ...(r.values?.length ? { values: r.values } : {}) }));
  const labels = s.matchLabels && Object.keys(s.matchLabels).length ? JSON.parse(goStringMap(s.matchLabels)) : undefined;
  return goJson({ ...(labels ? { matchLabels: labels } : {}), ...(expressions.length ? { matchExpressions: expressions } : {}) });
}

/** metav1validation.ValidateLabelSelector: the values each operator needs. */
function expressionCauses(s: LabelSelector): StatusCause[] {
  return (s.matchExpressions ?? []).flatMap((r, i): StatusCause[] => {
    const field = `spec.selector.matchExpressions[${i}].values`;
    const count = r.values?.length ?? 0;
    if ((r.operator === 'In' || r.operator === 'NotIn') && count === 0) return [{ type: 'FieldValueRequired', field, message: "Required value: must be specified when `operator` is 'In' or 'NotIn'" }];
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && count > 0) return [{ type: 'FieldValueForbidden', field, message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'" }];
    return [];
  });
}

/** ValidateReplicaSetSpec's selector rules (a Deployment's too); the shape itself is the schema's to report. */
export function selectorCauses(rs: { spec: Pick<ReplicaSet['spec'], 'selector' | 'template'> }): StatusCause[] {
  const selector = rs.spec.selector;
  const causes = expressionCauses(selector);
  if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions?.length ?? 0) === 0) {
    causes.push(invalidValue('spec.selector', goLabelSelector(selector), 'empty selector is invalid for deployment'));
  }
  let parsed: Selector;
  try {
    parsed = labelSelectorAsSelector(selector);
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    return [...causes, invalidValue('spec.selector', goLabelSelector(selector), 'invalid label selector')];
  }
  const labels = rs.spec.template.metadata?.labels;
  if (!parsed.empty() && !parsed.matches(labels)) {
    causes.push(invalidValue('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  }
  return causes;
}

export const replicaSetStrategy: Strategy = {
  ...generic,
  prepareForCreate(obj) {
    obj.status = { replicas: 0 };
  },
  prepareForUpdate: keepStatus,
  validate(obj: KubeObject) {
    const causes = generic.validate(obj);
    return causes.some((c) => c.field?.startsWith('spec')) ? causes : [...causes, ...selectorCauses(obj as unknown as ReplicaSet)];
  },
  subresources: { status: statusSubresource, scale: scaleSubresource },
};
