/**
 * authorization.k8s.io/v1 access reviews: a question put to the
 * api-server's authorizers ("may this user create pods here?") and
 * answered in `status`, never stored. A SelfSubjectAccessReview asks about
 * whoever sends it (`kubectl auth can-i`); a SubjectAccessReview names the
 * user and groups to ask about.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ObjectMeta } from './meta.ts';

export const ResourceAttributes = Type.Object({
  namespace: Type.Optional(Type.String()),
  verb: Type.Optional(Type.String()),
  group: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  resource: Type.Optional(Type.String()),
  subresource: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
});
export type ResourceAttributes = Static<typeof ResourceAttributes>;

export const NonResourceAttributes = Type.Object({ path: Type.Optional(Type.String()), verb: Type.Optional(Type.String()) });

export const SubjectAccessReviewStatus = Type.Object({
  allowed: Type.Boolean(),
  denied: Type.Optional(Type.Boolean()),
  reason: Type.Optional(Type.String()),
  evaluationError: Type.Optional(Type.String()),
});
export type SubjectAccessReviewStatus = Static<typeof SubjectAccessReviewStatus>;

export const SelfSubjectAccessReview = Type.Object({
  apiVersion: Type.Optional(Type.Literal('authorization.k8s.io/v1')),
  kind: Type.Optional(Type.Literal('SelfSubjectAccessReview')),
  metadata: Type.Optional(ObjectMeta),
  spec: Type.Object({
    resourceAttributes: Type.Optional(ResourceAttributes),
    nonResourceAttributes: Type.Optional(NonResourceAttributes),
  }),
  status: Type.Optional(SubjectAccessReviewStatus),
});
export type SelfSubjectAccessReview = Static<typeof SelfSubjectAccessReview>;

export const SubjectAccessReview = Type.Object({
  apiVersion: Type.Optional(Type.Literal('authorization.k8s.io/v1')),
  kind: Type.Optional(Type.Literal('SubjectAccessReview')),
  metadata: Type.Optional(ObjectMeta),
  spec: Type.Object({
    resourceAttributes: Type.Optional(ResourceAttributes),
    nonResourceAttributes: Type.Optional(NonResourceAttributes),
    user: Type.Optional(Type.String()),
    groups: Type.Optional(Type.Array(Type.String())),
    uid: Type.Optional(Type.String()),
  }),
  status: Type.Optional(SubjectAccessReviewStatus),
});
export type SubjectAccessReview = Static<typeof SubjectAccessReview>;
