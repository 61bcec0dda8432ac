/**
 * A PodDisruptionBudget's DisruptionAllowed condition, which the
 * disruption controller and the Eviction subresource both keep
 * (k8s.io/component-helpers/apps/poddisruptionbudget): True with reason
 * SufficientPods while at least one disruption is allowed, False with
 * InsufficientPods otherwise. Set as apimeta.SetStatusCondition sets a
 * metav1.Condition: lastTransitionTime moves only when the status does.
 */
import type { KubeObject } from '../../spec/objects/meta.ts';
import { DISRUPTION_ALLOWED, type MetaCondition, type PodDisruptionBudget } from '../../spec/objects/poddisruptionbudget.ts';

type BudgetObject = PodDisruptionBudget & KubeObject;

/** apimeta.SetStatusCondition: replaces the condition of the same type, keeping its transition time when the status is unchanged. */
export function setStatusCondition(conditions: readonly MetaCondition[], next: MetaCondition): MetaCondition[] {
  const old = conditions.find((c) => c.type === next.type);
  if (!old) return [...conditions, next];
  const merged = { ...next, lastTransitionTime: old.status === next.status ? old.lastTransitionTime : next.lastTransitionTime };
  return conditions.map((c) => (c.type === next.type ? merged : c));
}

/** UpdateDisruptionAllowedCondition: the budget with its condition matching disruptionsAllowed, as of `now`. */
export function withDisruptionAllowedCondition<T extends BudgetObject>(pdb: T, now: string): T {
  const status = pdb.status ?? {};
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  const condition: MetaCondition = {
    type: DISRUPTION_ALLOWED,
    status: allowed ? 'True' : 'False',
    reason: allowed ? 'SufficientPods' : 'InsufficientPods',
    message: '',
    observedGeneration: status.observedGeneration ?? 0,
    lastTransitionTime: now,
  };
  return { ...pdb, status: { ...status, conditions: setStatusCondition(status.conditions ?? [], condition) } };
}

/** ConditionsAreUpToDate: whether the condition already says what disruptionsAllowed says, for the budget's generation. */
export function disruptionConditionUpToDate(pdb: BudgetObject): boolean {
  const status = pdb.status ?? {};
  const condition = status.conditions?.find((c) => c.type === DISRUPTION_ALLOWED);
  if (!condition || status.observedGeneration !== pdb.metadata.generation) return false;
  return (status.disruptionsAllowed ?? 0) > 0 ? condition.status === 'True' && condition.reason === 'SufficientPods' : condition.status === 'False' && condition.reason === 'InsufficientPods';
}
