/**
 * rbac.authorization.k8s.io/v1: Role and ClusterRole (what may be done),
 * RoleBinding and ClusterRoleBinding (who may do it). A binding's roleRef
 * cannot change once created.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ObjectMeta } from './meta.ts';

export const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';

/** Verbs, API groups, resources (`pods`, `pods/status`, `*`) and optionally the names they apply to. */
export const PolicyRule = Type.Object({
  verbs: Type.Array(Type.String()),
  apiGroups: Type.Optional(Type.Array(Type.String())),
  resources: Type.Optional(Type.Array(Type.String())),
  resourceNames: Type.Optional(Type.Array(Type.String())),
  nonResourceURLs: Type.Optional(Type.Array(Type.String())),
});
export type PolicyRule = Static<typeof PolicyRule>;

export const Role = Type.Object({
  apiVersion: Type.Optional(Type.Literal(RBAC_API_VERSION)),
  kind: Type.Optional(Type.Literal('Role')),
  metadata: ObjectMeta,
  rules: Type.Optional(Type.Array(PolicyRule)),
});
export type Role = Static<typeof Role>;

export const ClusterRole = Type.Object({
  apiVersion: Type.Optional(Type.Literal(RBAC_API_VERSION)),
  kind: Type.Optional(Type.Literal('ClusterRole')),
  metadata: ObjectMeta,
  rules: Type.Optional(Type.Array(PolicyRule)),
});
export type ClusterRole = Static<typeof ClusterRole>;

/** A user, a group, or a service account (which has a namespace). */
export const Subject = Type.Object({
  kind: Type.Union([Type.Literal('User'), Type.Literal('Group'), Type.Literal('ServiceAccount')]),
  apiGroup: Type.Optional(Type.String()),
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
});
export type Subject = Static<typeof Subject>;

export const RoleRef = Type.Object({
  apiGroup: Type.String(),
  kind: Type.Union([Type.Literal('Role'), Type.Literal('ClusterRole')]),
  name: Type.String(),
});
export type RoleRef = Static<typeof RoleRef>;

export const RoleBinding = Type.Object({
  apiVersion: Type.Optional(Type.Literal(RBAC_API_VERSION)),
  kind: Type.Optional(Type.Literal('RoleBinding')),
  metadata: ObjectMeta,
  subjects: Type.Optional(Type.Array(Subject)),
  roleRef: RoleRef,
});
export type RoleBinding = Static<typeof RoleBinding>;

export const ClusterRoleBinding = Type.Object({
  apiVersion: Type.Optional(Type.Literal(RBAC_API_VERSION)),
  kind: Type.Optional(Type.Literal('ClusterRoleBinding')),
  metadata: ObjectMeta,
  subjects: Type.Optional(Type.Array(Subject)),
  roleRef: RoleRef,
});
export type ClusterRoleBinding = Static<typeof ClusterRoleBinding>;
