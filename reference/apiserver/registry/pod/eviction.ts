/**
 * pods/eviction (EvictionREST, pkg/registry/core/pod/storage/eviction.go):
 * a delete that asks first. A pod that no disruption budget covers, or one
 * that is already not running (Pending, finished, being deleted), is
 * deleted at once; otherwise its one PodDisruptionBudget must allow a
 * disruption, which the eviction uses up (disruptionsAllowed - 1, the pod
 * noted in disruptedPods) before the delete. A budget that allows none is
 * a 429 TooManyRequests saying why, and the client tries again later, as
 * `kubectl drain` does every 5 seconds. The budgets are read and written
 * through the api-server's loopback client, as Kubernetes' are.
 */
import type { ApiClient } from '../../../../spec/adapter.ts';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import type { Pod } from '../../../../spec/objects/pod.ts';
import { DISRUPTION_ALLOWED, Eviction, type PodDisruptionBudget } from '../../../../spec/objects/poddisruptionbudget.ts';
import { StatusError, isConflict, retryOnConflict } from '../../../../spec/objects/status.ts';
import { labelSelectorAsSelector, SelectorError } from '../../../api/label-selector.ts';
import { errors } from '../../status.ts';
import type { ObjectStore, Subresource } from '../strategy.ts';
import { schemaCauses } from '../validation.ts';
import { withDisruptionAllowedCondition } from '../../../api/disruption-allowed.ts';

type PodObject = Pod & KubeObject;
export type BudgetObject = PodDisruptionBudget & KubeObject;

/** MaxDisruptedPodSize: approved evictions the disruption controller has not yet seen, beyond which none is approved. */
export const MAX_DISRUPTED_POD_SIZE = 2000;
const EVICTION = { resource: 'evictions', kind: 'Eviction', group: 'policy', version: 'v1', namespaced: true, storagePrefix: '', subresources: [], shortNames: [] };
const BUDGETS = { resource: 'poddisruptionbudget', group: 'policy' };
const WOULD_VIOLATE = "Cannot evict pod as it would violate the pod's disruption budget.";
/** EvictionsRetry: 20 attempts on a conflict. */
const ATTEMPTS = 20;

const isReady = (pod: PodObject) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** canIgnorePDB: a pod that is not running (or is on its way out) has already stopped serving. */
const canIgnoreBudget = (pod: PodObject) => ['Succeeded', 'Failed', 'Pending'].includes(pod.status?.phase ?? '') || pod.metadata.deletionTimestamp !== undefined;

/** The budgets of the pod's namespace whose selector selects it; a selector that does not parse selects nothing. */
async function budgetsOf(loopback: ApiClient, pod: PodObject): Promise<BudgetObject[]> {
  const list = await loopback.list<BudgetObject>('poddisruptionbudgets', { namespace: pod.metadata.namespace ?? '' });
  return list.items.filter((pdb) => {
    try {
      return labelSelectorAsSelector(pdb.spec.selector).matches(pod.metadata.labels);
    } catch (e) {
      if (e instanceof SelectorError) return false;
      throw e;
    }
  });
}

/** createTooManyRequestsError: the budget's status is older than its spec. */
const stillProcessing = (pdb: BudgetObject) =>
  errors.tooManyRequests(WOULD_VIOLATE, 10, [{ type: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata.name} is still being processed by the server.` }]);

/** Why a budget that allows no disruption refuses, in the words of checkAndDecrement. */
function refusalMessage(pdb: BudgetObject): string {
  const name = pdb.metadata.name;
  const status = pdb.status ?? {};
  const condition = status.conditions?.find((c) => c.type === DISRUPTION_ALLOWED);
  if (condition?.status === 'False' && condition.message && condition.reason === 'SyncFailed') return `The disruption budget ${name} does not allow evicting pods currently because it failed sync: ${condition.message}`;
  if ((status.currentHealthy ?? 0) <= (status.desiredHealthy ?? 0)) return `The disruption budget ${name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`;
  if (condition?.status === 'False' && condition.message) return `The disruption budget ${name} does not allow evicting pods currently (${condition.reason}): ${condition.message}`;
  return `The disruption budget ${name} does not allow evicting pods currently`;
}

/** checkAndDecrement: refuse, or take one disruption from the budget and note the pod, in one status write. */
async function checkAndDecrement(loopback: ApiClient, pdb: BudgetObject, pod: PodObject, now: string): Promise<void> {
  const status = pdb.status ?? {};
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) throw stillProcessing(pdb);
  const forbidden = (why: string, detail: string) =>
    errors.forbidden(`${BUDGETS.resource}.${BUDGETS.group} "${pdb.metadata.name}" is forbidden: ${why}`, {
      name: pdb.metadata.name ?? '', group: BUDGETS.group, kind: BUDGETS.resource,
      causes: [{ type: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata.name} does not allow evicting pods currently: ${detail}` }],
    });
  const allowed = status.disruptionsAllowed ?? 0;
  if (allowed < 0) throw forbidden('pdb disruptions allowed is negative', 'pdb disruptions allowed is negative');
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    throw forbidden('DisruptedPods map too big - too many evictions not confirmed by PDB controller', 'too many pending evictions not confirmed by PDB controller');
  }
  if (allowed === 0) throw errors.tooManyRequests(WOULD_VIOLATE, 0, [{ type: 'DisruptionBudget', message: refusalMessage(pdb) }]);
  let next: BudgetObject = { ...pdb, status: { ...status, disruptionsAllowed: allowed - 1, disruptedPods: { ...status.disruptedPods, [pod.metadata.name ?? '']: now } } };
  if (allowed - 1 === 0) next = withDisruptionAllowedCondition(next, now);
  await loopback.update('poddisruptionbudgets', next, { namespace: pdb.metadata.namespace ?? '', subresource: 'status' });
}

/**
 * addConditionAndDeletePod: the pod, as it is now, is told why it goes
 * (DisruptionTarget), then deleted with the eviction's grace period. With
 * `precondition` (the version the decision was made on) a pod that changed
 * meanwhile is a Conflict, not evicted.
 */
async function conditionAndDelete(pods: ObjectStore, namespace: string | undefined, name: string, grace: number | undefined, precondition?: string): Promise<void> {
  const once = async () => {
    const pod = await pods.get<PodObject>(namespace, name);
    if (precondition !== undefined && pod.metadata.resourceVersion !== precondition) {
      const why = `the ResourceVersion in the precondition (${precondition}) does not match the ResourceVersion in record (${pod.metadata.resourceVersion}). The object might have been modified`;
      throw errors.conflict({ resource: 'Pod', group: '' } as typeof pods.resource, name, why);
    }
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
    const target = { type: 'DisruptionTarget', status: 'True' as const, reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting', lastTransitionTime: pods.clock.timestamp() };
    const next = structuredClone(pod);
    next.status = { ...pod.status, conditions: [...conditions, target] };
    await pods.write(namespace, name, next as unknown as KubeObject, pod as unknown as KubeObject, 'eviction');
  };
  await (precondition === undefined ? retryOnConflict(once, ATTEMPTS) : once());
  await pods.delete(namespace, name, grace);
}

const SUCCESS = { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Success', code: 201 } as unknown as KubeObject;

/** The Eviction subresource, reading and writing budgets through `loopback` (the api-server's own client). */
export function evictionSubresource(loopback: () => ApiClient): Subresource {
  return {
    async create(pods, namespace, name, body) {
      const eviction = body as unknown as Eviction;
      if (eviction?.metadata?.name !== name) throw errors.badRequest('name in URL does not match name in Eviction object');
      const causes = schemaCauses(Eviction, body);
      if (causes.length) throw errors.invalid(EVICTION, name, causes);
      const grace = eviction.deleteOptions?.gracePeriodSeconds;
      // A pod that is not running goes at once, as long as it does not change under us.
      const running = await retryOnConflict(async () => {
        const pod = await pods.get<PodObject>(namespace, name);
        if (!canIgnoreBudget(pod)) return pod;
        const finished = ['Succeeded', 'Failed'].includes(pod.status?.phase ?? '') || pod.metadata.deletionTimestamp !== undefined;
        await conditionAndDelete(pods, namespace, name, grace, finished ? undefined : pod.metadata.resourceVersion);
        return undefined;
      }, ATTEMPTS);
      if (!running) return SUCCESS;
      const matching = await budgetsOf(loopback(), running);
      if (matching.length > 1) {
        throw new StatusError({ apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', reason: '', code: 500, message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' });
      }
      const [pdb] = matching;
      const unhealthy = pdb !== undefined && unhealthyMayGo(pdb, running);
      if (pdb && !unhealthy) await decrementWithRetries(loopback(), pdb, running, pods.clock.timestamp());
      try {
        await conditionAndDelete(pods, namespace, name, grace, unhealthy ? running.metadata.resourceVersion : undefined);
      } catch (e) {
        // The unready pod may have become ready since: the client is told to come back.
        if (unhealthy && isConflict(e)) throw stillProcessing(pdb);
        throw e;
      }
      return SUCCESS;
    },
  };
}

/**
 * An unready pod does not count as healthy, so evicting it takes nothing
 * from the budget: always under AlwaysAllow, and under IfHealthyBudget (the
 * default) while the budget has the healthy pods it wants.
 */
function unhealthyMayGo(pdb: BudgetObject, pod: PodObject): boolean {
  if (isReady(pod)) return false;
  if (pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow') return true;
  const { currentHealthy = 0, desiredHealthy = 0 } = pdb.status ?? {};
  return currentHealthy >= desiredHealthy && desiredHealthy > 0;
}

/** Verify-and-decrement, reading the budget again after a conflict (someone else took a disruption meanwhile). */
async function decrementWithRetries(loopback: ApiClient, first: BudgetObject, pod: PodObject, now: string): Promise<void> {
  let pdb = first;
  for (let attempt = 1; ; attempt++) {
    try {
      return await checkAndDecrement(loopback, pdb, pod, now);
    } catch (e) {
      if (!isConflict(e)) throw e;
      if (attempt >= ATTEMPTS) throw errors.timeout(`couldn't update PodDisruptionBudget "${pdb.metadata.name}" due to conflicts`, 10);
      pdb = await loopback.get<BudgetObject>('poddisruptionbudgets', pdb.metadata.name ?? '', { namespace: pdb.metadata.namespace ?? '' });
    }
  }
}
