/**
 * pods/binding: how a pod gets its node (A2 step 3). The scheduler only
 * posts a Binding (S1); the api-server records spec.nodeName and the
 * PodScheduled condition in one compare-and-swap, and refuses a second
 * binding of the same pod.
 */
import type { Binding } from '../../../spec/objects/binding.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { Pod } from '../../../spec/objects/pod.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { Registry } from './registry.ts';
import { errors } from '../status.ts';
import { validateObject } from './validation.ts';

export async function bindPod(pods: Registry, namespace: string, name: string, body: KubeObject, clock: Clock): Promise<KubeObject> {
  const binding = body as unknown as Binding;
  const causes = validateObject('pods/binding', true, body);
  if (causes.length) throw errors.invalid(pods.resource, name, causes);
  const pod = await pods.get<Pod & KubeObject>(namespace, name);
  if (pod.spec.nodeName) {
    throw errors.conflict(pods.resource, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
  }
  if (pod.metadata.deletionTimestamp) throw errors.conflict(pods.resource, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  const now = clock.timestamp();
  const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  const next = structuredClone(pod);
  next.spec.nodeName = binding.target.name;
  next.status = { ...pod.status, conditions: [...conditions, { type: 'PodScheduled', status: 'True', lastTransitionTime: now }] };
  await pods.write(namespace, name, next, pod, 'binding');
  return { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Success', code: 201 } as unknown as KubeObject;
}
