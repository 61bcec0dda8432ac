/** apps/v1 ReplicaSet: keep `replicas` pods made from `template`, found by `selector`. */
import { Type, type Static } from '@sinclair/typebox';
import { ObjectMeta, StringMap } from './meta.ts';
import { PodSpec } from './pod.ts';

export const LabelSelectorRequirement = Type.Object({
  key: Type.String(),
  operator: Type.Union([Type.Literal('In'), Type.Literal('NotIn'), Type.Literal('Exists'), Type.Literal('DoesNotExist')]),
  values: Type.Optional(Type.Array(Type.String())),
});

export const LabelSelector = Type.Object({
  matchLabels: Type.Optional(StringMap),
  matchExpressions: Type.Optional(Type.Array(LabelSelectorRequirement)),
});
export type LabelSelector = Static<typeof LabelSelector>;

export const PodTemplateSpec = Type.Object({
  metadata: Type.Optional(ObjectMeta),
  spec: PodSpec,
});

export const ReplicaSetStatus = Type.Object({
  replicas: Type.Integer({ minimum: 0 }),
  fullyLabeledReplicas: Type.Optional(Type.Integer({ minimum: 0 })),
  readyReplicas: Type.Optional(Type.Integer({ minimum: 0 })),
  availableReplicas: Type.Optional(Type.Integer({ minimum: 0 })),
  observedGeneration: Type.Optional(Type.Integer()),
});
export type ReplicaSetStatus = Static<typeof ReplicaSetStatus>;

export const ReplicaSet = Type.Object({
  apiVersion: Type.Optional(Type.Literal('apps/v1')),
  kind: Type.Optional(Type.Literal('ReplicaSet')),
  metadata: ObjectMeta,
  spec: Type.Object({
    /** @default 1 */
    replicas: Type.Optional(Type.Integer({ minimum: 0 })),
    minReadySeconds: Type.Optional(Type.Integer({ minimum: 0 })),
    selector: LabelSelector,
    template: PodTemplateSpec,
  }),
  status: Type.Optional(ReplicaSetStatus),
});
export type ReplicaSet = Static<typeof ReplicaSet>;
