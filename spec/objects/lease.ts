/** coordination.k8s.io/v1 Lease: the kubelet's heartbeat in kube-node-lease. */
import { Type, type Static } from '@sinclair/typebox';
import { ObjectMeta } from './meta.ts';

export const Lease = Type.Object({
  apiVersion: Type.Optional(Type.Literal('coordination.k8s.io/v1')),
  kind: Type.Optional(Type.Literal('Lease')),
  metadata: ObjectMeta,
  spec: Type.Object({
    holderIdentity: Type.Optional(Type.String()),
    leaseDurationSeconds: Type.Optional(Type.Integer()),
    renewTime: Type.Optional(Type.String()),
    acquireTime: Type.Optional(Type.String()),
  }),
});
export type Lease = Static<typeof Lease>;
