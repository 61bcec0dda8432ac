/** core/v1 ConfigMap: non-confidential configuration, stored as string data (E1). */
import { Type, type Static } from '@sinclair/typebox';
import { ObjectMeta, StringMap } from './meta.ts';

export const ConfigMap = Type.Object({
  apiVersion: Type.Optional(Type.Literal('v1')),
  kind: Type.Optional(Type.Literal('ConfigMap')),
  metadata: ObjectMeta,
  data: Type.Optional(StringMap),
  binaryData: Type.Optional(StringMap),
  immutable: Type.Optional(Type.Boolean()),
});
export type ConfigMap = Static<typeof ConfigMap>;
