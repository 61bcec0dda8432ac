/**
 * core/v1 Secret: small confidential data, stored (E1) base64-encoded in
 * `data`. `stringData` is a write-only convenience the api-server folds
 * into `data`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ObjectMeta, StringMap } from './meta.ts';

export const Secret = Type.Object({
  apiVersion: Type.Optional(Type.Literal('v1')),
  kind: Type.Optional(Type.Literal('Secret')),
  metadata: ObjectMeta,
  type: Type.Optional(Type.String()),
  data: Type.Optional(StringMap),
  stringData: Type.Optional(StringMap),
  immutable: Type.Optional(Type.Boolean()),
});
export type Secret = Static<typeof Secret>;
