/** core/v1 Pod: the fields the control plane reads and writes. */
import { Type, type Static } from '@sinclair/typebox';
import { Condition, ObjectMeta, StringMap } from './meta.ts';

export const Quantities = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]));

export const ResourceRequirements = Type.Object({
  requests: Type.Optional(Quantities),
  limits: Type.Optional(Quantities),
});

export const ContainerPort = Type.Object({
  name: Type.Optional(Type.String()),
  containerPort: Type.Integer({ minimum: 1, maximum: 65535 }),
  protocol: Type.Optional(Type.String()),
});

export const Container = Type.Object({
  name: Type.String(),
  image: Type.String(),
  command: Type.Optional(Type.Array(Type.String())),
  args: Type.Optional(Type.Array(Type.String())),
  ports: Type.Optional(Type.Array(ContainerPort)),
  resources: Type.Optional(ResourceRequirements),
  imagePullPolicy: Type.Optional(Type.String()),
});
export type Container = Static<typeof Container>;

export const Toleration = Type.Object({
  key: Type.Optional(Type.String()),
  operator: Type.Optional(Type.Union([Type.Literal('Exists'), Type.Literal('Equal')])),
  value: Type.Optional(Type.String()),
  effect: Type.Optional(Type.String()),
  tolerationSeconds: Type.Optional(Type.Integer()),
});
export type Toleration = Static<typeof Toleration>;

/** A requirement on a node's labels (matchExpressions) or fields (matchFields: only metadata.name). */
export const NodeSelectorRequirement = Type.Object({
  key: Type.String(),
  operator: Type.Union([Type.Literal('In'), Type.Literal('NotIn'), Type.Literal('Exists'), Type.Literal('DoesNotExist'), Type.Literal('Gt'), Type.Literal('Lt')]),
  values: Type.Optional(Type.Array(Type.String())),
});
export type NodeSelectorRequirement = Static<typeof NodeSelectorRequirement>;

/** Every requirement of a term must hold; a term with none matches no node. */
export const NodeSelectorTerm = Type.Object({
  matchExpressions: Type.Optional(Type.Array(NodeSelectorRequirement)),
  matchFields: Type.Optional(Type.Array(NodeSelectorRequirement)),
});
export type NodeSelectorTerm = Static<typeof NodeSelectorTerm>;

/** The terms are ORed: a node that matches any one of them is selected. */
export const NodeSelector = Type.Object({ nodeSelectorTerms: Type.Array(NodeSelectorTerm) });
export type NodeSelector = Static<typeof NodeSelector>;

export const NodeAffinity = Type.Object({
  requiredDuringSchedulingIgnoredDuringExecution: Type.Optional(NodeSelector),
  preferredDuringSchedulingIgnoredDuringExecution: Type.Optional(Type.Array(Type.Object({ weight: Type.Integer(), preference: NodeSelectorTerm }))),
});

/** Only node affinity is modelled; pod affinity and anti-affinity are left as sent. */
export const Affinity = Type.Object({
  nodeAffinity: Type.Optional(NodeAffinity),
  podAffinity: Type.Optional(Type.Unknown()),
  podAntiAffinity: Type.Optional(Type.Unknown()),
});
export type Affinity = Static<typeof Affinity>;

export const PodSpec = Type.Object({
  nodeName: Type.Optional(Type.String()),
  schedulerName: Type.Optional(Type.String()),
  containers: Type.Array(Container),
  initContainers: Type.Optional(Type.Array(Container)),
  restartPolicy: Type.Optional(Type.Union([Type.Literal('Always'), Type.Literal('OnFailure'), Type.Literal('Never')])),
  nodeSelector: Type.Optional(StringMap),
  affinity: Type.Optional(Affinity),
  tolerations: Type.Optional(Type.Array(Toleration)),
  serviceAccountName: Type.Optional(Type.String()),
  overhead: Type.Optional(Quantities),
  priority: Type.Optional(Type.Integer()),
  terminationGracePeriodSeconds: Type.Optional(Type.Integer()),
});
export type PodSpec = Static<typeof PodSpec>;

export const ContainerState = Type.Object({
  waiting: Type.Optional(Type.Object({ reason: Type.Optional(Type.String()), message: Type.Optional(Type.String()) })),
  running: Type.Optional(Type.Object({ startedAt: Type.Optional(Type.String()) })),
  terminated: Type.Optional(
    Type.Object({
      exitCode: Type.Integer(),
      reason: Type.Optional(Type.String()),
      message: Type.Optional(Type.String()),
      startedAt: Type.Optional(Type.String()),
      finishedAt: Type.Optional(Type.String()),
    }),
  ),
});
export type ContainerState = Static<typeof ContainerState>;

export const ContainerStatus = Type.Object({
  name: Type.String(),
  image: Type.String(),
  imageID: Type.Optional(Type.String()),
  containerID: Type.Optional(Type.String()),
  ready: Type.Boolean(),
  started: Type.Optional(Type.Boolean()),
  restartCount: Type.Integer(),
  state: ContainerState,
  lastState: Type.Optional(ContainerState),
});
export type ContainerStatus = Static<typeof ContainerStatus>;

export const PodPhase = Type.Union([
  Type.Literal('Pending'),
  Type.Literal('Running'),
  Type.Literal('Succeeded'),
  Type.Literal('Failed'),
  Type.Literal('Unknown'),
]);
export type PodPhase = Static<typeof PodPhase>;

export const PodStatus = Type.Object({
  phase: Type.Optional(PodPhase),
  conditions: Type.Optional(Type.Array(Condition)),
  hostIP: Type.Optional(Type.String()),
  podIP: Type.Optional(Type.String()),
  podIPs: Type.Optional(Type.Array(Type.Object({ ip: Type.String() }))),
  startTime: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  containerStatuses: Type.Optional(Type.Array(ContainerStatus)),
});
export type PodStatus = Static<typeof PodStatus>;

export const Pod = Type.Object({
  apiVersion: Type.Optional(Type.Literal('v1')),
  kind: Type.Optional(Type.Literal('Pod')),
  metadata: ObjectMeta,
  spec: PodSpec,
  status: Type.Optional(PodStatus),
});
export type Pod = Static<typeof Pod>;
