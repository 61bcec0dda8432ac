/** core/v1 Endpoints: the ready pod IPs and ports behind a Service, kept by the endpoints controller. */
import { Type, type Static } from '@sinclair/typebox';
import { ObjectMeta } from './meta.ts';
import { ObjectReference } from './event.ts';

export const EndpointAddress = Type.Object({
  ip: Type.String(),
  nodeName: Type.Optional(Type.String()),
  targetRef: Type.Optional(ObjectReference),
});
export type EndpointAddress = Static<typeof EndpointAddress>;

export const EndpointPort = Type.Object({
  name: Type.Optional(Type.String()),
  port: Type.Integer(),
  protocol: Type.Optional(Type.String()),
});

export const EndpointSubset = Type.Object({
  addresses: Type.Optional(Type.Array(EndpointAddress)),
  notReadyAddresses: Type.Optional(Type.Array(EndpointAddress)),
  ports: Type.Optional(Type.Array(EndpointPort)),
});
export type EndpointSubset = Static<typeof EndpointSubset>;

export const Endpoints = Type.Object({
  apiVersion: Type.Optional(Type.Literal('v1')),
  kind: Type.Optional(Type.Literal('Endpoints')),
  metadata: ObjectMeta,
  subsets: Type.Optional(Type.Array(EndpointSubset)),
});
export type Endpoints = Static<typeof Endpoints>;
