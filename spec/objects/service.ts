/** core/v1 Service: a virtual object (P4); only its rules on each node make it reachable. */
import { Type, type Static } from '@sinclair/typebox';
import { ObjectMeta, StringMap } from './meta.ts';

export const ServicePort = Type.Object({
  name: Type.Optional(Type.String()),
  protocol: Type.Optional(Type.Union([Type.Literal('TCP'), Type.Literal('UDP'), Type.Literal('SCTP')])),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  targetPort: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
  nodePort: Type.Optional(Type.Integer()),
});
export type ServicePort = Static<typeof ServicePort>;

export const Service = Type.Object({
  apiVersion: Type.Optional(Type.Literal('v1')),
  kind: Type.Optional(Type.Literal('Service')),
  metadata: ObjectMeta,
  spec: Type.Object({
    type: Type.Optional(Type.String()),
    clusterIP: Type.Optional(Type.String()),
    clusterIPs: Type.Optional(Type.Array(Type.String())),
    selector: Type.Optional(StringMap),
    ports: Type.Optional(Type.Array(ServicePort)),
    sessionAffinity: Type.Optional(Type.Union([Type.Literal('None'), Type.Literal('ClientIP')])),
    sessionAffinityConfig: Type.Optional(
      Type.Object({ clientIP: Type.Optional(Type.Object({ timeoutSeconds: Type.Optional(Type.Integer()) })) }),
    ),
  }),
  status: Type.Optional(Type.Object({})),
});
export type Service = Static<typeof Service>;
