/** core/v1 Namespace. */
import { Type, type Static } from '@sinclair/typebox';
import { ObjectMeta } from './meta.ts';

export const Namespace = Type.Object({
  apiVersion: Type.Optional(Type.Literal('v1')),
  kind: Type.Optional(Type.Literal('Namespace')),
  metadata: ObjectMeta,
  spec: Type.Optional(Type.Object({ finalizers: Type.Optional(Type.Array(Type.String())) })),
  status: Type.Optional(Type.Object({ phase: Type.Optional(Type.String()) })),
});
export type Namespace = Static<typeof Namespace>;
