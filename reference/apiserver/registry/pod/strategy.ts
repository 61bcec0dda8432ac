/**
 * The Pod's rules (pkg/registry/core/pod/strategy.go): its defaults, a new
 * pod is Pending with no status of its own, an update keeps the status (the
 * kubelet writes it through pods/status), the container and node-affinity
 * rules the schema cannot say, graceful deletion for a pod a kubelet runs,
 * and the status and binding subresources (a pod's node is set only
 * through binding, S1).
 */
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import { Pod } from '../../../../spec/objects/pod.ts';
import type { StatusCause } from '../../../../spec/objects/status.ts';
import { isQuantity, QUANTITY_ERROR } from '../../../api/quantity.ts';
import { RESOURCES } from '../resources.ts';
import { genericStrategy, keepStatus, statusSubresource, type Strategy } from '../strategy.ts';
import { invalid, required, validateLabel } from '../validation.ts';
import type { ApiClient } from '../../../../spec/adapter.ts';
import { bindingSubresource } from './binding.ts';
import { nodeAffinityCauses } from './node-affinity-validation.ts';
import { evictionSubresource } from './eviction.ts';

const PODS = RESOURCES.get('pods')!;
const isPlainObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const generic = genericStrategy(PODS, Pod);

/** SetDefaults_PodSpec and SetDefaults_Container, for the fields this project models. */
function defaultPod(obj: KubeObject): void {
  const spec = obj.spec;
  if (!isPlainObject(spec)) return;
  spec.restartPolicy ??= 'Always';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  for (const c of Array.isArray(spec.containers) ? spec.containers.filter(isPlainObject) : []) {
    if (typeof c.image === 'string') c.imagePullPolicy ??= c.image.endsWith(':latest') || !c.image.includes(':') ? 'Always' : 'IfNotPresent';
    for (const p of Array.isArray(c.ports) ? c.ports.filter(isPlainObject) : []) p.protocol ??= 'TCP';
  }
}

/** ValidatePodSpec's container rules: at least one, unique DNS-label names, quantities that parse. */
function containerCauses(pod: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = pod.spec as { containers?: Array<{ name?: string; resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } }> } | undefined;
  const containers = spec?.containers ?? [];
  if (Array.isArray(containers) && containers.length === 0) causes.push(required('spec.containers'));
  const names = new Set<string>();
  containers.forEach((c, i) => {
    if (typeof c.name === 'string') {
      if (names.has(c.name)) causes.push({ type: 'FieldValueDuplicate', field: `spec.containers[${i}].name`, message: `Duplicate value: "${c.name}"` });
      names.add(c.name);
      causes.push(...validateLabel(`spec.containers[${i}].name`, c.name));
    }
    for (const kind of ['requests', 'limits'] as const) {
      for (const [res, q] of Object.entries(c.resources?.[kind] ?? {})) {
        if (!isQuantity(q)) causes.push(invalid(`spec.containers[${i}].resources.${kind}.${res}`, q, QUANTITY_ERROR));
      }
    }
  });
  return causes;
}

/**
 * CheckGracefulDelete: the request's grace period, else the pod's own; 0
 * when no kubelet has anything to stop (the pod is unbound or finished);
 * a negative one becomes 1, as in Kubernetes.
 */
export function podGracePeriod(pod: Pod, requested: number | undefined): number {
  let period = requested ?? pod.spec?.terminationGracePeriodSeconds ?? 0;
  if (!pod.spec?.nodeName) period = 0;
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') period = 0;
  return period < 0 ? 1 : period;
}

export const podStrategy: Strategy = {
  ...generic,
  defaults: defaultPod,
  prepareForCreate(obj) {
    obj.status = { phase: 'Pending' };
  },
  prepareForUpdate: keepStatus,
  validate(obj) {
    const causes = generic.validate(obj);
    // A spec of the wrong shape is reported as such; the container rules would only repeat it.
    return causes.some((c) => c.field?.startsWith('spec')) ? causes : [...causes, ...containerCauses(obj), ...nodeAffinityCauses(obj as unknown as Pod)];
  },
  gracePeriod: (obj, requested) => podGracePeriod(obj as unknown as Pod, requested),
  // pkg/registry/core/pod/storage/storage.go: ReturnDeletedObject: true.
  returnDeletedObject: true,
  subresources: { status: statusSubresource, binding: bindingSubresource },
};

/**
 * The pods' storage as kube-apiserver wires it: the pod's strategy with
 * pods/eviction, which consults disruption budgets through `loopback`, the
 * api-server's own client (EvictionREST's podDisruptionBudgetClient).
 */
export function podStorage(loopback: () => ApiClient): Strategy {
  return { ...podStrategy, subresources: { ...podStrategy.subresources, eviction: evictionSubresource(loopback) } };
}
