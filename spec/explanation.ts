/**
 * The scheduler's explanation of one decision ('scheduler-explain'): each
 * node checked, its filter verdict and reasons, each scoring plugin's
 * score, the total, and the node chosen. A scheduler with the capability
 * records it on the pod it binds, as JSON in the annotation below, as the
 * Kubernetes scheduler simulator records its `*-result` annotations;
 * `kubespec schedule -o json` prints the same shape.
 *
 * Example (the pod asks for 2 CPU; worker-1 has 1 CPU free):
 *   {"nodes":[{"name":"worker-1","feasible":false,"reasons":["Insufficient cpu"],"scores":{},"total":null},
 *             {"name":"worker-2","feasible":true,"reasons":[],"scores":{"NodeResourcesLeastAllocated":68},"total":68}],
 *    "selected":"worker-2"}
 */
import { Type, type Static } from '@sinclair/typebox';

export const EXPLANATION_ANNOTATION = 'scheduler.kubespec.io/explanation';

export const NodeVerdict = Type.Object({
  name: Type.String(),
  /** Did every filter let the node through? */
  feasible: Type.Boolean(),
  /** Why a filter left the node out, in Kubernetes' words (`Insufficient cpu`); empty when feasible. */
  reasons: Type.Array(Type.String()),
  /** Each scoring plugin's score, 0-100, before weighting, by plugin name; empty when not feasible. */
  scores: Type.Record(Type.String(), Type.Integer({ minimum: 0, maximum: 100 })),
  /** Sum of score x weight; null for a node that was filtered out. */
  total: Type.Union([Type.Integer(), Type.Null()]),
});
export type NodeVerdict = Static<typeof NodeVerdict>;

export const Explanation = Type.Object({
  /** The nodes checked, in the order they were checked. */
  nodes: Type.Array(NodeVerdict),
  /** The node the pod was bound to; null when it fits nowhere. */
  selected: Type.Union([Type.String(), Type.Null()]),
});
export type Explanation = Static<typeof Explanation>;
