/** core/v1 Binding: what the scheduler posts to pods/<name>/binding (S1: it decides, the api-server records). */
import { Type, type Static } from '@sinclair/typebox';
import { ObjectMeta } from './meta.ts';

export const Binding = Type.Object({
  apiVersion: Type.Optional(Type.Literal('v1')),
  kind: Type.Optional(Type.Literal('Binding')),
  metadata: ObjectMeta,
  target: Type.Object({ kind: Type.Optional(Type.String()), name: Type.String(), apiVersion: Type.Optional(Type.String()) }),
});
export type Binding = Static<typeof Binding>;
