/**
 * What a DELETE answers once it is done with the object (Store.finalizeDelete,
 * k8s.io/apiserver/pkg/registry/generic/registry/store.go): the object
 * itself for a kind whose strategy returns it, else a Status Success that
 * names it, so a client can tell it was deleted and not left waiting.
 * A delete that only marks the object answers with the marked object
 * instead, whatever the kind (Store.Delete returns it before finalizing).
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { DeleteStatus } from '../../../spec/objects/status.ts';
import type { ResourceInfo } from './resources.ts';
import type { Strategy } from './strategy.ts';

export function finalizeDelete(resource: ResourceInfo, strategy: Strategy, obj: KubeObject): KubeObject | DeleteStatus {
  if (strategy.returnDeletedObject) return obj;
  const { name = '', uid } = obj.metadata;
  return {
    apiVersion: 'v1',
    kind: 'Status',
    metadata: {},
    status: 'Success',
    // Kind carries the resource, not the kind: Kubernetes' own "Yes we set Kind field to resource."
    details: { name, ...(resource.group ? { group: resource.group } : {}), kind: resource.resource, ...(uid ? { uid } : {}) },
  };
}
