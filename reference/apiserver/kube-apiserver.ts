/**
 * Assembles a kube-apiserver the way kubeadm configures one: authorization
 * mode `Node,RBAC` (after the always-allowed `system:masters` group), the
 * default admission plugins in Kubernetes' order, its own cache of the
 * objects they consult, and what the api-server itself creates at start:
 * the bootstrap RBAC policy (its `rbac/bootstrap-roles` post-start hook),
 * the system namespaces, and the default `kubernetes` Service pointing at
 * its own address (its bootstrap controller).
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Clock } from '../runtime/clock.ts';
import type { Random } from '../runtime/random.ts';
import { auditedStore, type StoreAccessLog } from '../store/audited-store.ts';
import type { Store } from '../store/port.ts';
import type { WorkTracker } from '../runtime/work-tracker.ts';
import type { AdmissionChain } from './admission/admission.ts';
import { defaultTolerationSeconds } from './admission/default-toleration-seconds.ts';
import { namespaceLifecycle } from './admission/namespace-lifecycle.ts';
import { nodeRestriction } from './admission/node-restriction.ts';
import { serviceAccountAdmission } from './admission/service-account.ts';
import { ApiServer, COMPONENT } from './apiserver.ts';
import type { Authenticator, UserInfo } from './authentication/authentication.ts';
import { privilegedGroups, type Authorizer } from './authorization/authorization.ts';
import { inProcessClient } from './in-process-client.ts';
import { nodeAuthorizer } from './authorization/node-authorizer.ts';
import { unionAuthorizer } from './authorization/union.ts';
import { APISERVER_USER, ObjectCache } from './object-cache.ts';
import { startCompactor } from './compactor.ts';
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES } from './authorization/rbac/bootstrap-policy.ts';
import { cachedPolicy, RBAC_RESOURCES } from './authorization/rbac/cached-policy.ts';
import { RbacAuthorizer } from './authorization/rbac/rbac-authorizer.ts';
import { serviceIPAllocator } from './registry/service/cluster-ip.ts';
import { kindStrategies } from './registry/strategies.ts';
import { ensureKubernetesService } from './kubernetes-service.ts';
import { ensureSystemNamespaces } from './system-namespaces.ts';
import { WatchCaches } from './watch-caches.ts';
import { createIfAbsent } from '../client/create-if-absent.ts';

export const MASTERS_GROUP = 'system:masters';
/** The api-server's loopback identity, used by its own post-start hooks. */
export const LOOPBACK_USER: UserInfo = { name: APISERVER_USER, groups: [MASTERS_GROUP] };

export interface KubeApiServerOptions {
  store: Store;
  accessLog: StoreAccessLog;
  authenticator: Authenticator & { addToken(token: string, user: UserInfo): void };
  clock: Clock;
  random: Random;
  work: WorkTracker;
  /** DefaultTolerationSeconds' --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds. */
  defaultTolerationSeconds: number;
  /** --service-cluster-ip-range. @default '10.96.0.0/12' */
  serviceCIDR?: string;
  /** --etcd-compaction-interval in ms; 0 or absent: this api-server does not compact (another one does). */
  compactionIntervalMs?: number;
  /** --request-timeout in ms; absent: no deadline. */
  requestTimeoutMs?: number;
  /** --advertise-address: the address the `kubernetes` Service's endpoints give for this api-server. @default '192.168.0.2' */
  advertiseAddress?: string;
  /** --secure-port: the `kubernetes` Service's target port. @default 6443 */
  securePort?: number;
}

/** Where the in-process control plane says its first api-server is: a control-plane node's address, below the workers' (192.168.0.10 on). */
export const DEFAULT_ADVERTISE_ADDRESS = '192.168.0.2';
export const DEFAULT_SECURE_PORT = 6443;

export interface KubeApiServer {
  apiserver: ApiServer;
  cache: ObjectCache;
  authorizer: Authorizer;
  admission: AdmissionChain;
  watchCaches: WatchCaches;
  /** Stops the api-server's own background work (the compactor, the caches' watches). */
  stop(): void;
}

export function createKubeApiServer(opts: KubeApiServerOptions): KubeApiServer {
  const ownStore = auditedStore(opts.store, opts.accessLog, COMPONENT, APISERVER_USER);
  const cache = new ObjectCache(ownStore, [...RBAC_RESOURCES, 'namespaces', 'serviceaccounts']);
  const watchCaches = new WatchCaches({ store: ownStore, work: opts.work });
  let stopCompactor = () => {};
  // --authorization-mode=Node,RBAC, named as kube-apiserver names them (union.ts).
  const authorizer = unionAuthorizer(
    { name: 'kubernetes.io/system-privileged-group', authorizer: privilegedGroups(MASTERS_GROUP) },
    { name: 'node', authorizer: nodeAuthorizer },
    { name: 'rbac', authorizer: new RbacAuthorizer(cachedPolicy(cache)) },
  );
  const serviceIPs = serviceIPAllocator(opts.serviceCIDR ?? '10.96.0.0/12', opts.random, ownStore);
  const admission: AdmissionChain = {
    mutating: [
      namespaceLifecycle((name) => cache.get('namespaces', undefined, name)),
      serviceAccountAdmission((ns, name) => cache.get('serviceaccounts', ns, name)),
      nodeRestriction,
      defaultTolerationSeconds(opts.defaultTolerationSeconds),
    ],
    validating: [],
  };
  const loopbackToken = `loopback-${opts.random.uuid()}`;
  let loopback: ApiClient | undefined;
  opts.authenticator.addToken(loopbackToken, LOOPBACK_USER);
  const apiserver: ApiServer = new ApiServer({
    store: opts.store,
    accessLog: opts.accessLog,
    authenticator: opts.authenticator,
    authorizer,
    admission,
    clock: opts.clock,
    random: opts.random,
    work: opts.work,
    strategies: kindStrategies({
      serviceIPs,
      loopback: () => (loopback ??= inProcessClient(apiserver, { token: loopbackToken })),
      reviews: { authorizer, nonResourceAllowed: (user) => user.groups.includes(MASTERS_GROUP) },
    }),
    watchCaches,
    ...(opts.requestTimeoutMs ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
    postStartHooks: [
      () => cache.start(),
      () => watchCaches.start(),
      () => bootstrapPolicy(apiserver, loopbackToken),
      async () => {
        await ensureSystemNamespaces(inProcessClient(apiserver, { token: loopbackToken }));
        await cache.seen('namespaces', undefined, 'default');
      },
      () =>
        ensureKubernetesService(inProcessClient(apiserver, { token: loopbackToken }), {
          serviceCIDR: opts.serviceCIDR ?? '10.96.0.0/12',
          advertiseAddress: opts.advertiseAddress ?? DEFAULT_ADVERTISE_ADDRESS,
          securePort: opts.securePort ?? DEFAULT_SECURE_PORT,
        }),
      async () => {
        stopCompactor = startCompactor(ownStore, opts.clock, opts.compactionIntervalMs ?? 0, (revision) => watchCaches.compacted(revision));
      },
    ],
  });
  const stop = () => {
    stopCompactor();
    cache.stop();
    watchCaches.stop();
  };
  return { apiserver, cache, authorizer, admission, watchCaches, stop };
}

/** Creates the default roles and bindings that are missing, as the api-server does at every start. */
async function bootstrapPolicy(apiserver: ApiServer, token: string): Promise<void> {
  const client = inProcessClient(apiserver, { token });
  const ensure = (resource: string, obj: KubeObject) => createIfAbsent(() => client.create(resource, obj));
  for (const role of BOOTSTRAP_CLUSTER_ROLES) await ensure('clusterroles', role as KubeObject);
  for (const binding of BOOTSTRAP_CLUSTER_ROLE_BINDINGS) await ensure('clusterrolebindings', binding as KubeObject);
}
