/** core/v1 Namespace. `spec.finalizers` holds `kubernetes` until the namespace controller has emptied a deleted namespace. */
import { Type, type Static } from '@sinclair/typebox';
import { Condition, ObjectMeta } from './meta.ts';

export const Namespace = Type.Object({
  apiVersion: Type.Optional(Type.Literal('v1')),
  kind: Type.Optional(Type.Literal('Namespace')),
  metadata: ObjectMeta,
  spec: Type.Optional(Type.Object({ finalizers: Type.Optional(Type.Array(Type.String())) })),
  /** Active, or Terminating once deleted: the namespace controller then reports its progress in the conditions. */
  status: Type.Optional(Type.Object({ phase: Type.Optional(Type.String()), conditions: Type.Optional(Type.Array(Condition)) })),
});
export type Namespace = Static<typeof Namespace>;

/** FinalizerKubernetes: the namespace controller's, in spec.finalizers until it has emptied a deleted namespace. */
export const KUBERNETES_FINALIZER = 'kubernetes';
