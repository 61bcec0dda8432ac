/**
 * apps/v1 Deployment: a pod template rolled out through one ReplicaSet per
 * template version, with the strategy saying how old pods give way to new.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ObjectMeta } from './meta.ts';
import { LabelSelector, PodTemplateSpec } from './replicaset.ts';

/** intstr.IntOrString: a count (`1`) or a percentage of the replicas (`"25%"`). */
export const IntOrString = Type.Union([Type.Integer(), Type.String()]);
export type IntOrString = Static<typeof IntOrString>;

export const RollingUpdateDeployment = Type.Object({
  /** @default "25%" */
  maxUnavailable: Type.Optional(IntOrString),
  /** @default "25%" */
  maxSurge: Type.Optional(IntOrString),
});

export const DeploymentStrategy = Type.Object({
  /** @default "RollingUpdate" */
  type: Type.Optional(Type.String()),
  rollingUpdate: Type.Optional(RollingUpdateDeployment),
});
export type DeploymentStrategy = Static<typeof DeploymentStrategy>;

export const DeploymentSpec = Type.Object({
  /** @default 1 */
  replicas: Type.Optional(Type.Integer()),
  selector: LabelSelector,
  template: PodTemplateSpec,
  strategy: Type.Optional(DeploymentStrategy),
  minReadySeconds: Type.Optional(Type.Integer()),
  /** @default 10 */
  revisionHistoryLimit: Type.Optional(Type.Integer()),
  paused: Type.Optional(Type.Boolean()),
  /** @default 600 */
  progressDeadlineSeconds: Type.Optional(Type.Integer()),
});
export type DeploymentSpec = Static<typeof DeploymentSpec>;

/** Progressing, Available or ReplicaFailure, with the two times Kubernetes keeps for each. */
export const DeploymentCondition = Type.Object({
  type: Type.String(),
  status: Type.Union([Type.Literal('True'), Type.Literal('False'), Type.Literal('Unknown')]),
  lastUpdateTime: Type.Optional(Type.String()),
  lastTransitionTime: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
});
export type DeploymentCondition = Static<typeof DeploymentCondition>;

export const DeploymentStatus = Type.Object({
  observedGeneration: Type.Optional(Type.Integer()),
  replicas: Type.Optional(Type.Integer()),
  updatedReplicas: Type.Optional(Type.Integer()),
  readyReplicas: Type.Optional(Type.Integer()),
  availableReplicas: Type.Optional(Type.Integer()),
  unavailableReplicas: Type.Optional(Type.Integer()),
  conditions: Type.Optional(Type.Array(DeploymentCondition)),
  collisionCount: Type.Optional(Type.Integer()),
});
export type DeploymentStatus = Static<typeof DeploymentStatus>;

export const Deployment = Type.Object({
  apiVersion: Type.Optional(Type.Literal('apps/v1')),
  kind: Type.Optional(Type.Literal('Deployment')),
  metadata: ObjectMeta,
  spec: DeploymentSpec,
  status: Type.Optional(DeploymentStatus),
});
export type Deployment = Static<typeof Deployment>;
