/**
 * pods/binding (BindingREST, A2 step 3): how a pod gets its node. The
 * scheduler only posts a Binding (S1); the api-server records
 * spec.nodeName and the PodScheduled condition in one compare-and-swap,
 * and refuses to bind a pod twice or a pod being deleted.
 */
import { Binding } from '../../../../spec/objects/binding.ts';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import type { Pod } from '../../../../spec/objects/pod.ts';
import { errors } from '../../status.ts';
import type { Subresource } from '../strategy.ts';
import { schemaCauses } from '../validation.ts';

type PodObject = Pod & KubeObject;

export const bindingSubresource: Subresource = {
  async create(pods, namespace, name, body) {
    const binding = body as unknown as Binding;
    const causes = schemaCauses(Binding, body);
    if (causes.length) throw errors.invalid(pods.resource, name, causes);
    const pod = await pods.get<PodObject>(namespace, name);
    if (pod.spec.nodeName) throw errors.conflict(pods.resource, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    if (pod.metadata.deletionTimestamp) throw errors.conflict(pods.resource, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    const next = structuredClone(pod);
    next.spec.nodeName = binding.target.name;
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    next.status = { ...pod.status, conditions: [...conditions, { type: 'PodScheduled', status: 'True', lastTransitionTime: pods.clock.timestamp() }] };
    await pods.write(namespace, name, next, pod, 'binding');
    return { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Success', code: 201 } as unknown as KubeObject;
  },
};
