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
import { notSupported, schemaCauses } from '../validation.ts';

type PodObject = Pod & KubeObject;

export const bindingSubresource: Subresource = {
  async create(pods, namespace, name, body) {
    const binding = body as unknown as Binding;
    if (body?.metadata?.name !== undefined && body.metadata.name !== name) throw errors.badRequest('name in URL does not match name in Binding object');
    const causes = schemaCauses(Binding, body);
    // ValidatePodBinding: a pod is bound to a Node and nothing else.
    const kind = binding.target?.kind;
    if (kind && kind !== 'Node') causes.push(notSupported('target.kind', kind, ['Node', '<empty>']));
    if (causes.length) throw errors.invalid(pods.resource, name, causes);
    // Refusals name the subresource, as Kubernetes' do: `Operation cannot be fulfilled on pods/binding "web": ...`.
    const bindings = { ...pods.resource, resource: `${pods.resource.resource}/binding` };
    const pod = await pods.get<PodObject>(namespace, name);
    if (pod.metadata.deletionTimestamp) throw errors.conflict(bindings, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    if (pod.spec.nodeName) throw errors.conflict(bindings, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    const next = structuredClone(pod);
    next.spec.nodeName = binding.target.name;
    if (binding.metadata.annotations) next.metadata.annotations = { ...next.metadata.annotations, ...binding.metadata.annotations };
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    next.status = { ...pod.status, conditions: [...conditions, { type: 'PodScheduled', status: 'True', lastTransitionTime: pods.clock.timestamp() }] };
    await pods.write(namespace, name, next, pod, 'binding');
    return { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Success', code: 201 } as unknown as KubeObject;
  },
};
