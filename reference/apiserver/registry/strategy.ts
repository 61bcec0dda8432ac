/**
 * A kind's rules on the way into the store, as Kubernetes' REST strategies
 * (pkg/registry/<group>/<kind>/strategy.go): its defaults, what the server
 * sets on create and keeps on update, its validation, how long a delete
 * waits and what it answers, hooks around the write (a Service's cluster IP), and the
 * subresources served beside the object (status, binding, scale). The
 * generic Registry applies a Strategy and knows no kind; each kind's file
 * under registry/<kind>/ holds its own.
 */
import type { TSchema } from '@sinclair/typebox';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { StatusCause } from '../../../spec/objects/status.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { Random } from '../../runtime/random.ts';
import type { UserInfo } from '../authentication/authentication.ts';
import type { Deletion } from './graceful-deletion.ts';
import type { ResourceInfo } from './resources.ts';
import { validateObject, validateSubdomain, type NameRule } from './validation.ts';

export interface StrategyContext {
  clock: Clock;
  random: Random;
}

/** What a subresource may do with the object it belongs to, always through the registry's checks. */
export interface ObjectStore {
  readonly resource: ResourceInfo;
  readonly clock: Clock;
  get<T extends KubeObject = KubeObject>(namespace: string | undefined, name: string): Promise<T>;
  /**
   * The start of every PUT: the body must name this object and be of
   * `kind`; the stored object is read, and a resourceVersion in the body
   * must be the stored one (409 Conflict otherwise).
   */
  readForUpdate(namespace: string | undefined, name: string, body: KubeObject, kind?: string): Promise<KubeObject>;
  /** Writes `next` over `current` after admission and validation, only if `current` is still what is stored. */
  write(namespace: string | undefined, name: string, next: KubeObject, current: KubeObject, subresource?: string): Promise<KubeObject>;
  /** DELETE through the kind's own rules (graceful deletion, a namespace's finalizers). */
  delete(namespace: string | undefined, name: string, gracePeriodSeconds?: number): Promise<KubeObject>;
}

/** A subresource's REST storage (StatusREST, BindingREST, ScaleREST): the verbs it serves. */
export interface Subresource {
  get?(store: ObjectStore, namespace: string | undefined, name: string): Promise<KubeObject>;
  create?(store: ObjectStore, namespace: string | undefined, name: string, body: KubeObject): Promise<KubeObject>;
  update?(store: ObjectStore, namespace: string | undefined, name: string, body: KubeObject): Promise<KubeObject>;
}

export interface Strategy {
  /** SetDefaults_<Kind>: fields a client may leave out, filled on create and on update. Tolerates a malformed body (validation answers it). */
  defaults(obj: KubeObject): void;
  /** PrepareForCreate: what the server owns on a new object (its status), whatever the client sent. */
  prepareForCreate(obj: KubeObject, ctx: StrategyContext): void;
  /** PrepareForUpdate: what an update of the object may not change is carried over from `old`. */
  prepareForUpdate(obj: KubeObject, old: KubeObject): void;
  /** Whether an update changes the object's generation beyond a change of its spec (a Deployment's annotations, which it hands to its ReplicaSets). Absent: only the spec counts. */
  bumpsGeneration?(obj: KubeObject, old: KubeObject): boolean;
  /** Validate: the causes that make an object unacceptable; empty when it is valid. Run on every write. */
  validate(obj: KubeObject): StatusCause[];
  /** ValidateUpdate: what an update of the object may not do beyond validate's rules (fields that may not change). */
  validateUpdate(obj: KubeObject, old: KubeObject): StatusCause[];
  /** CheckGracefulDelete: seconds the object's owner gets before it is removed (0 removes it at once). Absent: always at once. */
  gracePeriod?(obj: KubeObject, requested: number | undefined): number;
  /** BeginCreate: runs before the object is stored; the function it returns runs after, told whether it was. */
  beginCreate?(obj: KubeObject): Promise<(stored: boolean) => Promise<void>>;
  /**
   * The kind's own answer to a DELETE, where its storage overrides Delete
   * (a namespace is first marked Terminating and removed only once its
   * finalizers are gone). Absent: graceful deletion by `gracePeriod`.
   */
  deletion?(obj: KubeObject, clock: Clock): Deletion;
  /**
   * A kind with no storage of its own (the access reviews): a valid create
   * is answered by this, for the user who sent it, and nothing is stored.
   */
  answerCreate?(obj: KubeObject, user: UserInfo): Promise<KubeObject>;
  /**
   * ReturnDeletedObject: a DELETE that removes the object answers with it
   * (pods, services, namespaces, service accounts) rather than with a
   * Status Success. Absent: the Status, Kubernetes' default. An object that
   * is only marked for deletion is answered either way.
   */
  returnDeletedObject?: boolean;
  /** AfterDelete: runs once the object is gone from the store. */
  afterDelete?(obj: KubeObject): Promise<void>;
  /** The subresources served beside the object, by name; must match the resource's list in resources.ts. */
  subresources: Readonly<Record<string, Subresource>>;
}

/** The strategy of a kind with no rules of its own: its schema and its names, nothing else. */
export function genericStrategy(r: ResourceInfo, schema: TSchema, nameRule: NameRule = validateSubdomain): Strategy {
  return {
    defaults() {},
    prepareForCreate() {},
    prepareForUpdate() {},
    validate: (obj) => validateObject(schema, r.namespaced, nameRule, obj),
    validateUpdate: () => [],
    subresources: {},
  };
}

/** PrepareForUpdate of a kind with a status subresource: an update of the object leaves its status as stored. */
export function keepStatus(obj: KubeObject, old: KubeObject): void {
  if (old.status === undefined) delete obj.status;
  else obj.status = old.status;
}

/**
 * StatusREST with the status strategy every kind here shares: reads give
 * the whole object; a write changes its status and nothing else.
 */
export const statusSubresource: Subresource = {
  get: (store, namespace, name) => store.get(namespace, name),
  async update(store, namespace, name, body) {
    const current = await store.readForUpdate(namespace, name, body);
    const next: KubeObject = { ...current, status: body.status, metadata: { ...current.metadata } };
    return store.write(namespace, name, next, current, 'status');
  },
};
