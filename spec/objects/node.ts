/** core/v1 Node: capacity, taints, conditions, and where its kubelet reports. */
import { Type, type Static } from '@sinclair/typebox';
import { Condition, ObjectMeta } from './meta.ts';
import { Quantities } from './pod.ts';

export const Taint = Type.Object({
  key: Type.String(),
  value: Type.Optional(Type.String()),
  effect: Type.Union([Type.Literal('NoSchedule'), Type.Literal('PreferNoSchedule'), Type.Literal('NoExecute')]),
  timeAdded: Type.Optional(Type.String()),
});
export type Taint = Static<typeof Taint>;

export const NodeSpec = Type.Object({
  podCIDR: Type.Optional(Type.String()),
  podCIDRs: Type.Optional(Type.Array(Type.String())),
  unschedulable: Type.Optional(Type.Boolean()),
  taints: Type.Optional(Type.Array(Taint)),
});

export const NodeAddress = Type.Object({ type: Type.String(), address: Type.String() });

export const NodeStatus = Type.Object({
  capacity: Type.Optional(Quantities),
  allocatable: Type.Optional(Quantities),
  conditions: Type.Optional(Type.Array(Condition)),
  addresses: Type.Optional(Type.Array(NodeAddress)),
  nodeInfo: Type.Optional(Type.Record(Type.String(), Type.String())),
  /** Where the kubelet serves: `{ kubeletEndpoint: { Port: 10250 } }` (the capital P is Kubernetes' own). */
  daemonEndpoints: Type.Optional(Type.Object({ kubeletEndpoint: Type.Optional(Type.Object({ Port: Type.Integer() })) })),
});
export type NodeStatus = Static<typeof NodeStatus>;

export const Node = Type.Object({
  apiVersion: Type.Optional(Type.Literal('v1')),
  kind: Type.Optional(Type.Literal('Node')),
  metadata: ObjectMeta,
  spec: Type.Optional(NodeSpec),
  status: Type.Optional(NodeStatus),
});
export type Node = Static<typeof Node>;
