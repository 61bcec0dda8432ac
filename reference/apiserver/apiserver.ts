/**
 * The kube-apiserver: the only component that holds the store (A3). Every
 * request goes through Kubernetes' chain in order: authentication (401),
 * impersonation, authorization (403), then admission, validation (422) and
 * storage in the registry. A write is answered only after the store has
 * committed it (E2).
 */
import type { WatchEvent, WatchHandle } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { isStatusError, retryOnConflict } from '../../spec/objects/status.ts';
import type { Clock } from '../runtime/clock.ts';
import type { Random } from '../runtime/random.ts';
import { auditedStore, type StoreAccessLog } from '../store/audited-store.ts';
import type { Store } from '../store/port.ts';
import type { WorkTracker } from '../runtime/work-tracker.ts';
import type { AdmissionChain } from './admission/admission.ts';
import type { Authenticator, UserInfo } from './authentication/authentication.ts';
import { forbidden, type Attributes, type Authorizer } from './authorization/authorization.ts';
import { applyPatch } from './patch.ts';
import { Registry, storeFailure } from './registry/registry.ts';
import type { ApiRequest } from './request.ts';
import { RESOURCES, serves, type ResourceInfo } from './registry/resources.ts';
import type { Strategy } from './registry/strategy.ts';
import { fieldSelector, labelSelector, parseFieldSelector } from './selectors.ts';
import { errors } from './status.ts';
import { startStoreWatch } from './watch.ts';
import type { WatchCaches } from './watch-caches.ts';

export interface ApiServerDeps {
  store: Store;
  accessLog: StoreAccessLog;
  authenticator: Authenticator;
  authorizer: Authorizer;
  admission: AdmissionChain;
  clock: Clock;
  random: Random;
  work: WorkTracker;
  /** Run once, in order, by start(): the api-server's caches and its own bootstrap writes. */
  postStartHooks?: Array<() => Promise<void>>;
  /** Each resource's strategy: its kind's rules on the way into the store (registry/strategies.ts). */
  strategies: ReadonlyMap<string, Strategy>;
  /** The watch caches that serve watches (watch-caches.ts); without them every watch reads the store. */
  watchCaches?: WatchCaches;
  /**
   * kube-apiserver's --request-timeout: a request (not a watch) still
   * unanswered after this long gets 504 Timeout, though its work may still
   * complete. Absent: no deadline (the virtual-clock scenarios).
   */
  requestTimeoutMs?: number;
}

/** Impersonation is authorized like any verb, on these pseudo-resources. */
const IMPERSONATED: Record<'users' | 'groups', ResourceInfo> = {
  users: { resource: 'users', kind: 'User', group: '', version: 'v1', namespaced: false, storagePrefix: '', subresources: [], shortNames: [] },
  groups: { resource: 'groups', kind: 'Group', group: '', version: 'v1', namespaced: false, storagePrefix: '', subresources: [], shortNames: [] },
};

export const COMPONENT = 'kube-apiserver';

export class ApiServer {
  private started: Promise<void> | undefined;

  constructor(private readonly deps: ApiServerDeps) {}

  /** Runs the post-start hooks once; call before serving anyone but the hooks themselves. */
  start(): Promise<void> {
    this.started ??= this.deps.work.run(async () => {
      for (const hook of this.deps.postStartHooks ?? []) await hook();
    });
    return this.started;
  }

  /** Serves one request; resolves with the object, list or Status, or throws a StatusError. */
  async handle(req: ApiRequest): Promise<unknown> {
    // Anything that is not already a Status becomes a 500 InternalError: a client never sees a crash.
    const served = this.serve(req).catch((e: unknown) => {
      throw isStatusError(e) ? e : errors.internal(e instanceof Error ? e.message : String(e));
    });
    const timeoutMs = this.deps.requestTimeoutMs;
    if (!timeoutMs) return served;
    let cancel = () => {};
    const deadline = new Promise<never>((_, reject) => {
      cancel = this.deps.clock.after(timeoutMs, () => reject(errors.timeout()));
    });
    return Promise.race([served, deadline]).finally(() => cancel());
  }

  private async serve(req: ApiRequest): Promise<unknown> {
    return this.deps.work.run(async () => {
      const { resource, registry } = await this.admitRequest(req);
      const ns = resource.namespaced ? req.namespace : undefined;
      const name = req.name ?? '';
      switch (req.verb) {
        case 'get':
          return registry.get(ns, name, req.subresource);
        case 'list':
          return registry.list(ns, req.options);
        case 'create':
          if (req.subresource) return registry.createSubresource(ns, name, req.subresource, req.body as KubeObject);
          return registry.create(ns, req.body as KubeObject);
        case 'update':
          return registry.update(ns, name, req.body as KubeObject, req.subresource);
        case 'patch':
          return this.patch(registry, ns, name, req);
        case 'delete':
          if (req.subresource) throw errors.methodNotSupported({ ...resource, resource: `${resource.resource}/${req.subresource}` }, 'delete');
          return registry.delete(ns, name, req.options?.gracePeriodSeconds);
        case 'watch':
          throw errors.badRequest('watch is served by ApiServer.watch');
      }
    });
  }

  /**
   * Starts a watch after the same authentication and authorization as any
   * request. The watch cache serves it when it can; the access is logged on
   * behalf of the user either way, since what it reads is the store's
   * change stream.
   */
  async watch(req: ApiRequest, onEvent: (e: WatchEvent) => void | Promise<void>, onClose: (error?: unknown) => void): Promise<WatchHandle> {
    return this.deps.work.run(async () => {
      const { user, resource, registry, store } = await this.admitRequest({ ...req, verb: 'watch' });
      const ns = resource.namespaced ? req.namespace : undefined;
      const byLabel = labelSelector(req.options?.labelSelector);
      const fields = parseFieldSelector(resource.resource, req.options?.fieldSelector);
      const byField = fieldSelector(resource.resource, req.options?.fieldSelector);
      const requested = req.options?.resourceVersion;
      let afterRevision: number;
      let initial: KubeObject[] = [];
      if (requested === undefined || requested === '' || requested === '0') {
        const list = await registry.list(ns, req.options);
        initial = list.items;
        afterRevision = Number(list.metadata.resourceVersion);
      } else {
        afterRevision = Number(requested);
        if (!Number.isInteger(afterRevision) || afterRevision < 0) throw errors.badRequest(`invalid resource version: ${requested}`);
      }
      const prefix = registry.key(ns);
      const matches = (obj: KubeObject) => byLabel(obj) && byField(obj);
      const cache = await this.deps.watchCaches?.for(resource.resource);
      const cached = cache?.watch({ prefix, afterRevision, matches, fields, initial, onEvent, onClose });
      if (cached) {
        this.deps.accessLog.record({ op: 'watch', key: prefix, component: COMPONENT, onBehalfOf: user.name });
        return cached;
      }
      return startStoreWatch({
        store,
        prefix,
        afterRevision,
        matches,
        initial,
        work: this.deps.work,
        onEvent,
        onClose,
        toStatus: (e) => storeFailure(resource, '', e),
      });
    });
  }

  /**
   * Authentication and impersonation alone (401 when they fail), for what
   * every signed-in user may read over HTTP: discovery, /version, OpenAPI.
   */
  async authenticate(auth: ApiRequest['auth']): Promise<UserInfo> {
    const authn = await this.deps.authenticator.authenticate(auth.token);
    if ('refused' in authn) throw errors.unauthorized();
    return this.impersonate(authn.user, { verb: 'get', resource: '', auth });
  }

  /**
   * Whether the user behind `auth` may do `verb` on `resource`: the same
   * authentication, impersonation and authorization as a request, ending
   * in the same 401 or 403 Status; resolves with the user when allowed.
   * For endpoints served beside the REST API (the live view's controls),
   * as an aggregated API server asks the api-server with a SubjectAccessReview.
   */
  async authorize(auth: ApiRequest['auth'], attrs: Omit<Attributes, 'user'>): Promise<UserInfo> {
    const user = await this.authenticate(auth);
    const full: Attributes = { ...attrs, user };
    const decision = await this.deps.authorizer.authorize(full);
    if (!decision.allowed) throw forbidden(full, decision.reason);
    return user;
  }

  private async patch(registry: Registry, ns: string | undefined, name: string, req: ApiRequest): Promise<KubeObject> {
    const sentVersion = (req.body as KubeObject)?.metadata?.resourceVersion;
    const once = async () => {
      const current = await registry.get(ns, name, req.subresource);
      const patched = applyPatch(structuredClone(current), req.body, req.patchType ?? 'merge') as KubeObject;
      // A resourceVersion in the patch is a precondition, as in Kubernetes: a stale one is a 409.
      return registry.update(ns, name, { ...patched, metadata: { ...patched.metadata, resourceVersion: sentVersion ?? current.metadata.resourceVersion } }, req.subresource);
    };
    // A patch that names no resourceVersion has nothing to conflict with: a write that lands between our read
    // and our write is not the client's concern, so the patch is applied again to the fresh object. Kubernetes
    // does this inside the store (GuaranteedUpdate re-runs applyPatch); we bound it at DefaultRetry's attempts.
    return sentVersion === undefined ? retryOnConflict(once) : once();
  }

  /** Authentication, impersonation and authorization, in that order; nothing touches the store before they pass. */
  private async admitRequest(req: ApiRequest) {
    const authn = await this.deps.authenticator.authenticate(req.auth.token);
    if ('refused' in authn) throw errors.unauthorized();
    const user = await this.impersonate(authn.user, req);
    const resource = RESOURCES.get(req.resource);
    if (!resource) throw errors.notRegistered(req.resource);
    if (req.subresource && !resource.subresources.includes(req.subresource)) throw errors.notRegistered(`${req.resource}/${req.subresource}`);
    if (!req.subresource && !serves(resource, req.verb)) throw errors.methodNotSupported(resource, req.verb);
    const attrs: Attributes = {
      user,
      verb: req.verb,
      resource,
      ...(req.subresource ? { subresource: req.subresource } : {}),
      ...(resource.namespaced && req.namespace ? { namespace: req.namespace } : {}),
      ...(req.name ? { name: req.name } : {}),
    };
    const decision = await this.deps.authorizer.authorize(attrs);
    if (!decision.allowed) throw forbidden(attrs, decision.reason);
    const store = auditedStore(this.deps.store, this.deps.accessLog, COMPONENT, user.name);
    const strategy = this.deps.strategies.get(resource.resource);
    if (!strategy) throw errors.internal(`no storage strategy for ${resource.resource}`);
    const registry = new Registry(resource, { store, admission: this.deps.admission, user, clock: this.deps.clock, random: this.deps.random, strategy });
    return { user, resource, registry, store };
  }

  private async impersonate(user: UserInfo, req: ApiRequest): Promise<UserInfo> {
    const asUser = req.auth.impersonateUser;
    if (!asUser) return user;
    const check = async (resource: ResourceInfo, name: string) => {
      const attrs: Attributes = { user, verb: 'impersonate', resource, name };
      if (!(await this.deps.authorizer.authorize(attrs)).allowed) throw forbidden(attrs);
    };
    await check(IMPERSONATED.users, asUser);
    const groups = req.auth.impersonateGroups ?? [];
    for (const g of groups) await check(IMPERSONATED.groups, g);
    return { name: asUser, groups: [...groups, 'system:authenticated'] };
  }
}
