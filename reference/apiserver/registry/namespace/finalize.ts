/**
 * namespaces/finalize (FinalizeREST): how the namespace controller says it
 * is done with a deleted namespace. A write changes spec.finalizers and
 * nothing else; when it leaves a Terminating namespace with no finalizer
 * at all, the namespace is removed (ShouldDeleteNamespaceDuringUpdate).
 */
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import type { Namespace } from '../../../../spec/objects/namespace.ts';
import type { StatusCause } from '../../../../spec/objects/status.ts';
import { errors } from '../../status.ts';
import type { Subresource } from '../strategy.ts';
import { invalid } from '../validation.ts';

type NamespaceObject = Namespace & KubeObject;

/** A finalizer is a standard one or a qualified name with a domain prefix (validateFinalizerName). */
const QUALIFIED = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];
const NAME_PART = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

function finalizerCauses(finalizers: unknown): StatusCause[] {
  if (finalizers === undefined) return [];
  if (!Array.isArray(finalizers)) return [invalid('spec.finalizers', finalizers, 'must be a list of finalizer names')];
  return finalizers.flatMap((f, i): StatusCause[] => {
    if (typeof f !== 'string' || !QUALIFIED.test(f)) return [invalid(`spec.finalizers[${i}]`, f, NAME_PART)];
    if (!STANDARD_FINALIZERS.includes(f) && !f.includes('/')) return [invalid(`spec.finalizers[${i}]`, f, 'name is neither a standard finalizer name nor is it fully qualified')];
    return [];
  });
}

export const finalizeSubresource: Subresource = {
  async update(store, _namespace, name, body) {
    const current = (await store.readForUpdate(undefined, name, body)) as NamespaceObject;
    const finalizers = (body as NamespaceObject).spec?.finalizers;
    const causes = finalizerCauses(finalizers);
    if (causes.length) throw errors.invalid(store.resource, name, causes);
    const next: NamespaceObject = { ...structuredClone(current), spec: { ...current.spec, finalizers: finalizers ?? [] } };
    const written = await store.write(undefined, name, next as KubeObject, current as KubeObject, 'finalize');
    const done = written.metadata.deletionTimestamp && (next.spec?.finalizers ?? []).length === 0 && (written.metadata.finalizers ?? []).length === 0;
    return done ? store.delete(undefined, name) : written;
  },
};
