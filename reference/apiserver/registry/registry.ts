/**
 * REST storage for one request, for any kind: turns get/list/create/
 * update/delete into store operations under /registry keys with
 * Kubernetes' semantics (resourceVersion from the store revision, 409 on
 * a stale update or an existing name, 404, admission and validation before
 * any write), and applies the kind's Strategy, which holds everything the
 * registry does not know: defaults, what the server owns, validation,
 * graceful deletion, hooks and subresources. It knows no kind by name.
 */
import type { ListOptions } from '../../../spec/adapter.ts';
import type { KubeList, KubeObject } from '../../../spec/objects/meta.ts';
import { StatusError, retryOnConflict, type DeleteStatus } from '../../../spec/objects/status.ts';
import { StoreError, type Store } from '../../store/port.ts';
import type { AdmissionChain, AdmissionRequest } from '../admission/admission.ts';
import type { UserInfo } from '../authentication/authentication.ts';
import { decode, encode } from './encoding.ts';
import { finalizeDelete } from './finalize-delete.ts';
import { beforeDelete } from './graceful-deletion.ts';
import { beforeCreate, beforeUpdate } from './object-meta.ts';
import { apiVersionOf, storageKey, type ResourceInfo } from './resources.ts';
import { fieldSelector, labelSelector } from '../selectors.ts';
import { errors } from '../status.ts';
import type { ObjectStore, Strategy, StrategyContext, Subresource } from './strategy.ts';

export interface RegistryContext extends StrategyContext {
  store: Store;
  admission: AdmissionChain;
  user: UserInfo;
  strategy: Strategy;
}

/** Maps a store failure to the Status a client sees; anything else is a 500, never a crash. */
export function storeFailure(r: ResourceInfo, name: string, e: unknown): StatusError {
  if (e instanceof StatusError) return e;
  if (e instanceof StoreError) {
    const f = e.failure;
    switch (f.kind) {
      case 'key-exists': return errors.alreadyExists(r, name);
      case 'not-found': return errors.notFound(r, name);
      case 'conflict': return errors.conflict(r, name);
      case 'compacted': return errors.expired(f.requested, f.compactRevision);
      case 'unavailable': return errors.storage(f.message);
      case 'timeout': return errors.timeout();
    }
  }
  return errors.internal(e instanceof Error ? e.message : String(e));
}

export class Registry implements ObjectStore {
  constructor(
    readonly resource: ResourceInfo,
    private readonly ctx: RegistryContext,
  ) {}

  get clock() {
    return this.ctx.clock;
  }

  key(namespace: string | undefined, name?: string): string {
    return storageKey(this.resource, this.resource.namespaced ? namespace : undefined, name);
  }

  /** GET of the object, or of one of its subresources (a Scale, say). */
  async get<T extends KubeObject = KubeObject>(namespace: string | undefined, name: string, subresource?: string): Promise<T> {
    if (subresource) return (await this.subresource(subresource, 'get').get!(this, namespace, name)) as T;
    const kv = await this.guard(name, () => this.ctx.store.get(this.key(namespace, name)));
    if (!kv) throw errors.notFound(this.resource, name);
    return decode<T>(kv);
  }

  async list(namespace: string | undefined, opts: ListOptions = {}): Promise<KubeList> {
    const byLabel = labelSelector(opts.labelSelector);
    const byField = fieldSelector(this.resource.resource, opts.fieldSelector);
    const prefix = this.key(namespace);
    const fromKey = opts.continue ? decodeContinue(opts.continue, prefix) : undefined;
    const items: KubeObject[] = [];
    let revision = 0;
    let next: string | undefined = fromKey;
    let more = false;
    // Selectors filter after the range, so keep reading until the page is full (as the watch cache does).
    do {
      const page = await this.guard('', () =>
        this.ctx.store.range(prefix, { ...(next ? { fromKey: next } : {}), ...(opts.limit ? { limit: opts.limit - items.length } : {}) }),
      );
      revision ||= page.revision;
      for (const kv of page.kvs) {
        const obj = decode(kv);
        if (byLabel(obj) && byField(obj)) items.push(obj);
      }
      more = page.more;
      const last = page.kvs[page.kvs.length - 1];
      next = last ? last.key + '\0' : undefined;
    } while (more && opts.limit && items.length < opts.limit);
    const metadata: KubeList['metadata'] = { resourceVersion: String(revision) };
    if (more && next) metadata.continue = encodeContinue(next, revision);
    return { apiVersion: apiVersionOf(this.resource), kind: `${this.resource.kind}List`, metadata, items };
  }

  /** POST of a new object: defaults, the server's own fields, the kind's hooks, admission and validation, then the store. */
  async create(namespace: string | undefined, body: KubeObject): Promise<KubeObject> {
    const { strategy } = this.ctx;
    const obj = structuredClone(body);
    obj.metadata ??= {};
    if (this.resource.namespaced) {
      if (obj.metadata.namespace && namespace && obj.metadata.namespace !== namespace) {
        throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      obj.metadata.namespace = namespace ?? obj.metadata.namespace;
    } else delete obj.metadata.namespace;
    this.checkKind(obj, this.resource.kind);
    strategy.defaults(obj);
    if (strategy.answerCreate) return this.answer(obj, strategy.answerCreate);
    beforeCreate(this.resource, obj, this.ctx);
    strategy.prepareForCreate(obj, this.ctx);
    const name = obj.metadata.name ?? '';
    const finish = await strategy.beginCreate?.(obj);
    let stored = false;
    try {
      await this.admit({ operation: 'CREATE', resource: this.resource, namespace, name, object: obj, user: this.ctx.user });
      const kv = await this.guard(name, () => this.ctx.store.create(this.key(obj.metadata.namespace, name), encode(obj)));
      stored = true;
      return decode(kv);
    } finally {
      await finish?.(stored);
    }
  }

  /** A create of a kind with no storage (an access review): validated, then answered for the user; nothing is written. */
  private async answer(obj: KubeObject, answerCreate: NonNullable<Strategy['answerCreate']>): Promise<KubeObject> {
    const causes = this.ctx.strategy.validate(obj);
    if (causes.length) throw errors.invalid(this.resource, obj.metadata.name ?? '', causes);
    return answerCreate(obj, this.ctx.user);
  }

  /** POST to a subresource of an existing object (pods/binding). */
  createSubresource(namespace: string | undefined, name: string, subresource: string, body: KubeObject): Promise<KubeObject> {
    return this.subresource(subresource, 'create').create!(this, namespace, name, body);
  }

  /**
   * PUT: a compare-and-swap on the resourceVersion the client sent. Without
   * one the update is unconditional: a write that lands between our read
   * and ours is no conflict for the client, so read again and retry until
   * it lands, as GuaranteedUpdate does (apiserver/pkg/storage/etcd3/store.go).
   * With one, the Conflict is the client's.
   */
  async update(namespace: string | undefined, name: string, body: KubeObject, subresource?: string): Promise<KubeObject> {
    if (subresource) return this.subresource(subresource, 'update').update!(this, namespace, name, body);
    const once = () => this.updateOnce(namespace, name, body);
    return body?.metadata?.resourceVersion ? once() : retryOnConflict(once, Infinity);
  }

  private async updateOnce(namespace: string | undefined, name: string, body: KubeObject): Promise<KubeObject> {
    const { strategy } = this.ctx;
    const current = await this.readForUpdate(namespace, name, body);
    const next = structuredClone({ ...body, metadata: { ...body.metadata, name, ...(this.resource.namespaced ? { namespace } : {}) } });
    strategy.defaults(next);
    strategy.prepareForUpdate(next, current);
    beforeUpdate(next, current, strategy.bumpsGeneration?.(next, current) ?? false);
    return this.write(namespace, name, next, current);
  }

  async readForUpdate(namespace: string | undefined, name: string, body: KubeObject, kind = this.resource.kind): Promise<KubeObject> {
    if (body?.metadata?.name !== undefined && body.metadata.name !== name) {
      throw errors.badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`);
    }
    this.checkKind(body, kind);
    const current = await this.get(namespace, name);
    const sentVersion = body.metadata?.resourceVersion;
    if (sentVersion && sentVersion !== current.metadata.resourceVersion) throw errors.conflict(this.resource, name);
    return current;
  }

  /** Writes `next` over `current` (already prepared), after admission and validation, only if nothing changed in between. */
  async write(namespace: string | undefined, name: string, next: KubeObject, current: KubeObject, subresource?: string): Promise<KubeObject> {
    await this.admit({ operation: 'UPDATE', resource: this.resource, ...(subresource ? { subresource } : {}), namespace, name, object: next, oldObject: current, user: this.ctx.user });
    const expected = Number(current.metadata.resourceVersion);
    const kv = await this.guard(name, () => this.ctx.store.update(this.key(namespace, name), encode(next), expected));
    return decode(kv);
  }

  /**
   * DELETE. The client sends no preconditions, so a write that lands
   * between our read and our delete (a binding, a status report) is not a
   * conflict for the client: read again and retry. Kubernetes' store does
   * this inside conditionalDelete (apiserver/pkg/storage/etcd3/store.go),
   * which loops until the delete lands; we bound it at DefaultRetry's
   * attempts, after which the client gets the Conflict.
   * Answers as Store.Delete does: the object marked for deletion when it is
   * only marked, else what finalizeDelete makes of it (the object, or a
   * Status Success for a kind whose strategy does not return it).
   */
  async delete(namespace: string | undefined, name: string, gracePeriodSeconds?: number): Promise<KubeObject | DeleteStatus> {
    return retryOnConflict(() => this.deleteOnce(namespace, name, gracePeriodSeconds));
  }

  private async deleteOnce(namespace: string | undefined, name: string, gracePeriodSeconds?: number): Promise<KubeObject | DeleteStatus> {
    const { strategy } = this.ctx;
    const current = await this.get(namespace, name);
    await this.admit({ operation: 'DELETE', resource: this.resource, namespace, name, oldObject: current, user: this.ctx.user });
    // An object whose strategy grants a grace period is only marked; whoever runs it removes it (graceful-deletion.ts).
    const deletion = strategy.deletion?.(current, this.ctx.clock) ?? beforeDelete(current, strategy.gracePeriod?.(current, gracePeriodSeconds) ?? 0, this.ctx.clock);
    // A deletion already pending is finalized as it stands, its hooks not run again (Store.Delete's pendingGraceful).
    if (deletion.action === 'unchanged') return finalizeDelete(this.resource, strategy, current);
    if (deletion.action === 'mark') {
      const kv = await this.guard(name, () => this.ctx.store.update(this.key(namespace, name), encode(deletion.object), Number(current.metadata.resourceVersion)));
      return decode(kv);
    }
    await this.guard(name, () => this.ctx.store.delete(this.key(namespace, name), Number(current.metadata.resourceVersion)));
    await strategy.afterDelete?.(current);
    return finalizeDelete(this.resource, strategy, current);
  }

  /** Mutating admission, then validation (422), then validating admission: Kubernetes' order. */
  private async admit(req: AdmissionRequest): Promise<void> {
    const { strategy } = this.ctx;
    for (const plugin of this.ctx.admission.mutating) await plugin.admit(req);
    if (req.object) {
      const causes = strategy.validate(req.object);
      // An update of the object itself also answers to what may not change; a subresource keeps those fields as stored.
      if (req.oldObject && !req.subresource) causes.push(...strategy.validateUpdate(req.object, req.oldObject));
      if (causes.length) throw errors.invalid(this.resource, req.name, causes);
    }
    for (const plugin of this.ctx.admission.validating) await plugin.validate(req);
  }

  /** The subresource's storage, if it serves this verb: 404 for a subresource the kind lacks, 405 for a verb it does not serve. */
  private subresource(name: string, verb: keyof Subresource): Subresource {
    const sub = this.ctx.strategy.subresources[name];
    if (!sub) throw errors.notRegistered(`${this.resource.resource}/${name}`);
    if (!sub[verb]) throw errors.methodNotSupported({ ...this.resource, resource: `${this.resource.resource}/${name}` }, verb);
    return sub;
  }

  private checkKind(obj: KubeObject, kind: string): void {
    if (obj?.kind !== undefined && obj.kind !== kind) {
      throw errors.badRequest(`the kind of the object (${String(obj.kind)}) does not match the resource (${this.resource.resource})`);
    }
  }

  private async guard<T>(name: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      throw storeFailure(this.resource, name, e);
    }
  }
}

/** Continue tokens carry the next key and the revision of the first page, base64-encoded as Kubernetes does. */
function encodeContinue(nextKey: string, revision: number): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: revision, start: nextKey })).toString('base64url');
}

function decodeContinue(token: string, prefix: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString()) as { start?: unknown };
    if (typeof parsed.start === 'string' && parsed.start.startsWith(prefix)) return parsed.start;
  } catch {
    // fall through to the error below
  }
  throw errors.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}
