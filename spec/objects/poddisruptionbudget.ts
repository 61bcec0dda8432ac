/**
 * policy/v1 PodDisruptionBudget: how many of the pods it selects must stay
 * healthy (minAvailable) or may be down (maxUnavailable) while voluntary
 * disruptions, such as a drain's evictions, go on. Its status is the
 * disruption controller's count, which the Eviction subresource consults.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IntOrString } from './intstr.ts';
import { ObjectMeta } from './meta.ts';
import { LabelSelector } from './replicaset.ts';

/** metav1.Condition, the shape of newer APIs' conditions (reason and message always present). */
export const MetaCondition = Type.Object({
  type: Type.String(),
  status: Type.Union([Type.Literal('True'), Type.Literal('False'), Type.Literal('Unknown')]),
  observedGeneration: Type.Optional(Type.Integer()),
  lastTransitionTime: Type.String(),
  reason: Type.String(),
  message: Type.String(),
});
export type MetaCondition = Static<typeof MetaCondition>;

export const PodDisruptionBudgetSpec = Type.Object({
  minAvailable: Type.Optional(IntOrString),
  maxUnavailable: Type.Optional(IntOrString),
  selector: Type.Optional(LabelSelector),
  unhealthyPodEvictionPolicy: Type.Optional(Type.String()),
});
export type PodDisruptionBudgetSpec = Static<typeof PodDisruptionBudgetSpec>;

export const PodDisruptionBudgetStatus = Type.Object({
  observedGeneration: Type.Optional(Type.Integer()),
  /** Pods the Eviction subresource let go and the controller has not yet seen deleted: pod name -> when. */
  disruptedPods: Type.Optional(Type.Record(Type.String(), Type.String())),
  disruptionsAllowed: Type.Integer(),
  currentHealthy: Type.Integer(),
  desiredHealthy: Type.Integer(),
  expectedPods: Type.Integer(),
  conditions: Type.Optional(Type.Array(MetaCondition)),
});
export type PodDisruptionBudgetStatus = Static<typeof PodDisruptionBudgetStatus>;

export const PodDisruptionBudget = Type.Object({
  apiVersion: Type.Optional(Type.Literal('policy/v1')),
  kind: Type.Optional(Type.Literal('PodDisruptionBudget')),
  metadata: ObjectMeta,
  spec: PodDisruptionBudgetSpec,
  status: Type.Optional(Type.Partial(PodDisruptionBudgetStatus)),
});
export type PodDisruptionBudget = Static<typeof PodDisruptionBudget>;

/** The condition the disruption controller and the Eviction subresource keep: True while a disruption is allowed. */
export const DISRUPTION_ALLOWED = 'DisruptionAllowed';

/**
 * policy/v1 Eviction: what a client posts to pods/<name>/eviction to have
 * a pod deleted only if no disruption budget forbids it. policy/v1beta1
 * bodies are accepted too, as Kubernetes does (kubectl 1.20 sends them).
 */
export const Eviction = Type.Object({
  apiVersion: Type.Optional(Type.Union([Type.Literal('policy/v1'), Type.Literal('policy/v1beta1')])),
  kind: Type.Optional(Type.Literal('Eviction')),
  metadata: ObjectMeta,
  deleteOptions: Type.Optional(Type.Object({ gracePeriodSeconds: Type.Optional(Type.Integer()) })),
});
export type Eviction = Static<typeof Eviction>;
