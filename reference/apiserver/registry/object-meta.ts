/**
 * What every kind gets on its way into the store, before its own strategy
 * (rest.BeforeCreate and rest.BeforeUpdate's kind-independent part): the
 * identity the server assigns on create, the identity an update may not
 * change, and metadata.generation, which counts changes to the spec.
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { apiVersionOf, type ResourceInfo } from './resources.ts';
import type { StrategyContext } from './strategy.ts';

/** FillObjectMetaSystemFields and GenerateName: uid, creationTimestamp, generation 1, a generated name. */
export function beforeCreate(r: ResourceInfo, obj: KubeObject, ctx: StrategyContext): void {
  obj.apiVersion = apiVersionOf(r);
  obj.kind = r.kind;
  const meta = obj.metadata;
  if (!meta.name && meta.generateName) meta.name = meta.generateName + ctx.random.uuid().replace(/-/g, '').slice(0, 5);
  meta.uid = ctx.random.uuid();
  meta.creationTimestamp = ctx.clock.timestamp();
  meta.generation = 1;
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
}

/** An update keeps the stored identity and deletion marks; generation goes up by one when the spec changed (or what else the kind counts). */
export function beforeUpdate(obj: KubeObject, old: KubeObject, otherChange = false): void {
  obj.apiVersion = old.apiVersion;
  obj.kind = old.kind;
  const meta = obj.metadata;
  meta.uid = old.metadata.uid;
  meta.creationTimestamp = old.metadata.creationTimestamp;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  if (old.metadata.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp;
  if (old.metadata.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
  const specChanged = JSON.stringify(obj.spec) !== JSON.stringify(old.spec);
  meta.generation = (old.metadata.generation ?? 1) + (specChanged || otherChange ? 1 : 0);
}
