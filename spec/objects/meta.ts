/** Object metadata shared by every kind, as in k8s.io/apimachinery/pkg/apis/meta/v1. */
import { Type, type Static } from '@sinclair/typebox';

export const StringMap = Type.Record(Type.String(), Type.String());

export const OwnerReference = Type.Object({
  apiVersion: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  uid: Type.String(),
  controller: Type.Optional(Type.Boolean()),
  blockOwnerDeletion: Type.Optional(Type.Boolean()),
});
export type OwnerReference = Static<typeof OwnerReference>;

export const ObjectMeta = Type.Object({
  name: Type.Optional(Type.String()),
  generateName: Type.Optional(Type.String()),
  namespace: Type.Optional(Type.String()),
  uid: Type.Optional(Type.String()),
  resourceVersion: Type.Optional(Type.String()),
  generation: Type.Optional(Type.Integer()),
  creationTimestamp: Type.Optional(Type.String()),
  deletionTimestamp: Type.Optional(Type.String()),
  deletionGracePeriodSeconds: Type.Optional(Type.Integer()),
  labels: Type.Optional(StringMap),
  annotations: Type.Optional(StringMap),
  ownerReferences: Type.Optional(Type.Array(OwnerReference)),
  finalizers: Type.Optional(Type.Array(Type.String())),
});
export type ObjectMeta = Static<typeof ObjectMeta>;

export const ListMeta = Type.Object({
  resourceVersion: Type.Optional(Type.String()),
  continue: Type.Optional(Type.String()),
  remainingItemCount: Type.Optional(Type.Integer()),
});
export type ListMeta = Static<typeof ListMeta>;

/** Every stored object: apiVersion, kind and metadata; the rest is kind-specific. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

/** A condition as nodes and pods carry them. */
export const Condition = Type.Object({
  type: Type.String(),
  status: Type.Union([Type.Literal('True'), Type.Literal('False'), Type.Literal('Unknown')]),
  reason: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  lastHeartbeatTime: Type.Optional(Type.String()),
  lastTransitionTime: Type.Optional(Type.String()),
  lastProbeTime: Type.Optional(Type.String()),
});
export type Condition = Static<typeof Condition>;
