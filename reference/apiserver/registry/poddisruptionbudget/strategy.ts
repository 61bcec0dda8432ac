/**
 * The PodDisruptionBudget's rules (pkg/registry/policy/poddisruptionbudget
 * and ValidatePodDisruptionBudgetSpec): a new budget starts with an empty
 * status, an update keeps the status (the disruption controller writes it
 * through poddisruptionbudgets/status, as the Eviction subresource does),
 * and it says either minAvailable or maxUnavailable, each a count >= 0 or
 * a percentage up to 100%.
 */
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import type { IntOrString } from '../../../../spec/objects/intstr.ts';
import { PodDisruptionBudget } from '../../../../spec/objects/poddisruptionbudget.ts';
import type { StatusCause } from '../../../../spec/objects/status.ts';
import { isPercent } from '../../../api/int-or-percent.ts';
import { labelSelectorAsSelector, SelectorError } from '../../../api/label-selector.ts';
import { RESOURCES } from '../resources.ts';
import { genericStrategy, keepStatus, statusSubresource, type Strategy } from '../strategy.ts';
import { goJson, invalid } from '../validation.ts';

const generic = genericStrategy(RESOURCES.get('poddisruptionbudgets')!, PodDisruptionBudget);

const PERCENT_ERROR = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

/** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent. */
function intOrPercentCauses(field: string, value: IntOrString): StatusCause[] {
  if (typeof value === 'number') return value < 0 ? [invalid(field, value, 'must be greater than or equal to 0')] : [];
  if (!isPercent(value)) return [invalid(field, value, PERCENT_ERROR)];
  return Number(value.slice(0, -1)) > 100 ? [invalid(field, value, 'must not be greater than 100%')] : [];
}

/** ValidatePodDisruptionBudgetSpec: what the schema cannot say. */
function specCauses(pdb: PodDisruptionBudget): StatusCause[] {
  const { spec } = pdb;
  const causes: StatusCause[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    causes.push({ type: 'FieldValueInvalid', field: 'spec', message: `Invalid value: ${goJson(spec)}: minAvailable and maxUnavailable cannot be both set` });
  }
  if (spec.minAvailable !== undefined) causes.push(...intOrPercentCauses('spec.minAvailable', spec.minAvailable));
  if (spec.maxUnavailable !== undefined) causes.push(...intOrPercentCauses('spec.maxUnavailable', spec.maxUnavailable));
  try {
    labelSelectorAsSelector(spec.selector);
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    causes.push({ type: 'FieldValueInvalid', field: 'spec.selector', message: `Invalid value: ${goJson(spec.selector)}: ${e.message}` });
  }
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && !UNHEALTHY_POD_EVICTION_POLICIES.includes(policy)) {
    causes.push({ type: 'FieldValueNotSupported', field: 'spec.unhealthyPodEvictionPolicy', message: `Unsupported value: ${JSON.stringify(policy)}: supported values: ${UNHEALTHY_POD_EVICTION_POLICIES.map((p) => JSON.stringify(p)).join(', ')}` });
  }
  return causes;
}

/** ValidatePodDisruptionBudgetStatusUpdate (policy/v1): no count below 0. */
function statusCauses(pdb: PodDisruptionBudget): StatusCause[] {
  const status = pdb.status ?? {};
  return (['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'] as const)
    .filter((k) => (status[k] ?? 0) < 0)
    .map((k) => invalid(`status.${k}`, status[k], 'must be greater than or equal to 0'));
}

export const podDisruptionBudgetStrategy: Strategy = {
  ...generic,
  prepareForCreate(obj) {
    obj.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
  prepareForUpdate: keepStatus,
  validate(obj: KubeObject) {
    const causes = generic.validate(obj);
    if (causes.some((c) => c.field?.startsWith('spec') || c.field?.startsWith('status'))) return causes;
    const pdb = obj as unknown as PodDisruptionBudget;
    return [...causes, ...specCauses(pdb), ...statusCauses(pdb)];
  },
  subresources: { status: statusSubresource },
};
