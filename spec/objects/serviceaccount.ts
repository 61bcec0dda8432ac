/**
 * core/v1 ServiceAccount: an identity for processes in pods. Its requests
 * authenticate as `system:serviceaccount:<namespace>:<name>`, in the groups
 * `system:serviceaccounts` and `system:serviceaccounts:<namespace>`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ObjectMeta } from './meta.ts';
import { ObjectReference } from './event.ts';

export const ServiceAccount = Type.Object({
  apiVersion: Type.Optional(Type.Literal('v1')),
  kind: Type.Optional(Type.Literal('ServiceAccount')),
  metadata: ObjectMeta,
  secrets: Type.Optional(Type.Array(ObjectReference)),
  imagePullSecrets: Type.Optional(Type.Array(Type.Object({ name: Type.Optional(Type.String()) }))),
  automountServiceAccountToken: Type.Optional(Type.Boolean()),
});
export type ServiceAccount = Static<typeof ServiceAccount>;

/** authentication.k8s.io/v1 TokenRequest: POSTed to serviceaccounts/<name>/token; the answer carries the token. */
export const TokenRequest = Type.Object({
  apiVersion: Type.Optional(Type.Literal('authentication.k8s.io/v1')),
  kind: Type.Optional(Type.Literal('TokenRequest')),
  metadata: Type.Optional(ObjectMeta),
  spec: Type.Optional(
    Type.Object({
      audiences: Type.Optional(Type.Array(Type.String())),
      expirationSeconds: Type.Optional(Type.Integer({ minimum: 600 })),
    }),
  ),
  status: Type.Optional(Type.Object({ token: Type.String(), expirationTimestamp: Type.String() })),
});
export type TokenRequest = Static<typeof TokenRequest>;
