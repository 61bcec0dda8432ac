/**
 * replicasets/scale (ScaleREST in pkg/registry/apps/replicaset/storage): a
 * ReplicaSet's size as an autoscaling/v1 Scale, the form `kubectl scale`
 * and autoscalers read and write. Writing it changes spec.replicas and
 * nothing else, through the ReplicaSet's own checks.
 */
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import type { ReplicaSet } from '../../../../spec/objects/replicaset.ts';
import { labelSelectorAsSelector } from '../../../api/label-selector.ts';
import { errors } from '../../status.ts';
import type { ObjectStore, Subresource } from '../strategy.ts';
import { invalid, required } from '../validation.ts';

type ReplicaSetObject = ReplicaSet & KubeObject;

/** autoscaling/v1 Scale. */
export interface Scale extends KubeObject {
  spec: { replicas?: number };
  status?: { replicas: number; selector?: string };
}

/** scaleFromReplicaSet: the size wanted, the size counted, and the selector in its string form. */
export function scaleOf(rs: ReplicaSetObject): Scale {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = rs.metadata;
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: rs.spec.replicas ?? 1 },
    status: { replicas: rs.status?.replicas ?? 0, selector: labelSelectorAsSelector(rs.spec.selector).toString() },
  };
}

/** ValidateScale: a whole number of replicas, not below 0. */
function scaleCauses(scale: Scale): ReturnType<typeof invalid>[] {
  const replicas = scale.spec?.replicas;
  if (replicas === undefined) return [required('spec.replicas')];
  if (!Number.isInteger(replicas)) return [invalid('spec.replicas', replicas, 'must be an integer')];
  if (replicas < 0) return [{ type: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${replicas}: must be greater than or equal to 0` }];
  return [];
}

export const scaleSubresource: Subresource = {
  get: async (store, namespace, name) => scaleOf(await store.get<ReplicaSetObject>(namespace, name)),
  async update(store: ObjectStore, namespace, name, body) {
    const scale = body as Scale;
    const current = (await store.readForUpdate(namespace, name, body, 'Scale')) as ReplicaSetObject;
    const causes = scaleCauses(scale);
    // Refused as a Scale, as Kubernetes does: `Scale.autoscaling "web" is invalid: ...`.
    if (causes.length) throw errors.invalid({ ...store.resource, kind: 'Scale', group: 'autoscaling' }, name, causes);
    const next: ReplicaSetObject = { ...structuredClone(current), spec: { ...current.spec, replicas: scale.spec.replicas } };
    next.metadata.generation = (current.metadata.generation ?? 1) + (next.spec.replicas === current.spec.replicas ? 0 : 1);
    return scaleOf((await store.write(namespace, name, next, current, 'scale')) as ReplicaSetObject);
  },
};
