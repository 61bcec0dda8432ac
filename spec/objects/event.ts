/** core/v1 Event: what components record of what they did, readable by anyone through the API. */
import { Type, type Static } from '@sinclair/typebox';
import { ObjectMeta } from './meta.ts';

export const ObjectReference = Type.Object({
  kind: Type.Optional(Type.String()),
  namespace: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  uid: Type.Optional(Type.String()),
  apiVersion: Type.Optional(Type.String()),
  fieldPath: Type.Optional(Type.String()),
});
export type ObjectReference = Static<typeof ObjectReference>;

export const Event = Type.Object({
  apiVersion: Type.Optional(Type.Literal('v1')),
  kind: Type.Optional(Type.Literal('Event')),
  metadata: ObjectMeta,
  involvedObject: ObjectReference,
  reason: Type.String(),
  message: Type.String(),
  type: Type.Union([Type.Literal('Normal'), Type.Literal('Warning')]),
  source: Type.Optional(Type.Object({ component: Type.Optional(Type.String()), host: Type.Optional(Type.String()) })),
  firstTimestamp: Type.Optional(Type.String()),
  lastTimestamp: Type.Optional(Type.String()),
  count: Type.Optional(Type.Integer()),
  /** Who recorded it, for events recorded through events.k8s.io/v1 (as kube-scheduler does), whose `source` stays empty. */
  reportingComponent: Type.Optional(Type.String()),
  reportingInstance: Type.Optional(Type.String()),
  /** events.k8s.io/v1: what the recorder was doing (Scheduling, Binding) and when (metav1.MicroTime). */
  action: Type.Optional(Type.String()),
  eventTime: Type.Optional(Type.String()),
});
export type Event = Static<typeof Event>;
