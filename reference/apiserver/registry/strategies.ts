/**
 * Which strategy each resource is stored with, as kube-apiserver's REST
 * storage providers wire them: the kinds with rules of their own have a
 * file under registry/<kind>/, the others the generic strategy. Built per
 * api-server, since a Service's cluster IPs come from its allocator.
 * A strategy returns the deleted object only where Kubernetes' registry
 * sets ReturnDeletedObject; the others (and any kind added without saying)
 * answer a delete with a Status Success, Kubernetes' default.
 */
import type { ApiClient } from '../../../spec/adapter.ts';
import { ConfigMap } from '../../../spec/objects/configmap.ts';
import { Endpoints } from '../../../spec/objects/endpoints.ts';
import { Event } from '../../../spec/objects/event.ts';
import { Lease } from '../../../spec/objects/lease.ts';
import { Secret } from '../../../spec/objects/secret.ts';
import { ServiceAccount } from '../../../spec/objects/serviceaccount.ts';
import { deploymentStrategy } from './deployment/strategy.ts';
import { endpointSliceStrategy } from './endpointslice/strategy.ts';
import { namespaceStrategy } from './namespace/strategy.ts';
import { nodeStrategy } from './node/strategy.ts';
import { selfSubjectAccessReviewStrategy, subjectAccessReviewStrategy, type ReviewAuthority } from './authorization/strategy.ts';
import { podStorage } from './pod/strategy.ts';
import { podDisruptionBudgetStrategy } from './poddisruptionbudget/strategy.ts';
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy } from './rbac/strategy.ts';
import { replicaSetStrategy } from './replicaset/strategy.ts';
import { RESOURCES } from './resources.ts';
import type { ServiceIPAllocator } from './service/ip-allocator.ts';
import { serviceStrategy } from './service/strategy.ts';
import { genericStrategy, type Strategy } from './strategy.ts';

export interface StrategyDeps {
  /** Where Services' cluster IPs come from (--service-cluster-ip-range). */
  serviceIPs: ServiceIPAllocator;
  /** The api-server's own client, for storage that goes through the API itself (pods/eviction reads PodDisruptionBudgets with it). */
  loopback: () => ApiClient;
  /** Who answers access reviews: the api-server's authorizer chain. */
  reviews: ReviewAuthority;
}

const generic = (resource: string, schema: Parameters<typeof genericStrategy>[1]) => genericStrategy(RESOURCES.get(resource)!, schema);

export function kindStrategies(deps: StrategyDeps): ReadonlyMap<string, Strategy> {
  const byResource: Record<string, Strategy> = {
    namespaces: namespaceStrategy,
    pods: podStorage(deps.loopback),
    nodes: nodeStrategy,
    services: serviceStrategy(deps.serviceIPs),
    replicasets: replicaSetStrategy,
    deployments: deploymentStrategy,
    roles: roleStrategy,
    rolebindings: roleBindingStrategy,
    clusterroles: clusterRoleStrategy,
    clusterrolebindings: clusterRoleBindingStrategy,
    endpoints: generic('endpoints', Endpoints),
    endpointslices: endpointSliceStrategy,
    events: generic('events', Event),
    secrets: generic('secrets', Secret),
    configmaps: generic('configmaps', ConfigMap),
    // pkg/registry/core/serviceaccount/storage/storage.go: ReturnDeletedObject: true; the other generic kinds answer a delete with a Status.
    serviceaccounts: { ...generic('serviceaccounts', ServiceAccount), returnDeletedObject: true },
    leases: generic('leases', Lease),
    poddisruptionbudgets: podDisruptionBudgetStrategy,
    selfsubjectaccessreviews: selfSubjectAccessReviewStrategy(deps.reviews),
    subjectaccessreviews: subjectAccessReviewStrategy(deps.reviews),
  };
  return new Map(Object.entries(byResource));
}
