/**
 * discovery.k8s.io/v1 EndpointSlice: a share of the endpoints behind a
 * Service, at most 100 by default, found by the label
 * `kubernetes.io/service-name`. The EndpointSlice controller writes them for
 * every Service with a selector; kube-proxy merges the slices of a Service
 * and programs rules to the ready ones (P7).
 *
 * Example (what the controller writes for Service default/web and one pod):
 *   metadata: {generateName: web-, name: web-7kq2x, labels: {kubernetes.io/service-name: web,
 *              endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io}}
 *   addressType: IPv4
 *   endpoints: [{addresses: [10.244.1.5], conditions: {ready: true, serving: true, terminating: false},
 *                nodeName: worker-1, targetRef: {kind: Pod, namespace: default, name: web-1, uid: ...}}]
 *   ports: [{name: http, port: 8080, protocol: TCP}]
 */
import { Type, type Static } from '@sinclair/typebox';
import { ObjectReference } from './event.ts';
import { ObjectMeta } from './meta.ts';

/** The Service a slice belongs to (discovery.LabelServiceName). */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** Who keeps a slice (discovery.LabelManagedBy). */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
/** The EndpointSlice controller's value of the managed-by label. */
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';

export const AddressType = Type.Union([Type.Literal('IPv4'), Type.Literal('IPv6'), Type.Literal('FQDN')]);
export type AddressType = Static<typeof AddressType>;

/** Unset `ready` and `serving` mean true to a consumer; unset `terminating` means false. */
export const EndpointConditions = Type.Object({
  ready: Type.Optional(Type.Boolean()),
  serving: Type.Optional(Type.Boolean()),
  terminating: Type.Optional(Type.Boolean()),
});
export type EndpointConditions = Static<typeof EndpointConditions>;

export const Endpoint = Type.Object({
  addresses: Type.Array(Type.String(), { minItems: 1, maxItems: 100 }),
  conditions: Type.Optional(EndpointConditions),
  hostname: Type.Optional(Type.String()),
  targetRef: Type.Optional(ObjectReference),
  nodeName: Type.Optional(Type.String()),
  zone: Type.Optional(Type.String()),
});
export type Endpoint = Static<typeof Endpoint>;

export const EndpointSlicePort = Type.Object({
  name: Type.Optional(Type.String()),
  protocol: Type.Optional(Type.Union([Type.Literal('TCP'), Type.Literal('UDP'), Type.Literal('SCTP')])),
  port: Type.Optional(Type.Integer()),
  appProtocol: Type.Optional(Type.String()),
});
export type EndpointSlicePort = Static<typeof EndpointSlicePort>;

export const EndpointSlice = Type.Object({
  apiVersion: Type.Optional(Type.Literal('discovery.k8s.io/v1')),
  kind: Type.Optional(Type.Literal('EndpointSlice')),
  metadata: ObjectMeta,
  addressType: AddressType,
  endpoints: Type.Array(Endpoint, { maxItems: 1000 }),
  ports: Type.Optional(Type.Array(EndpointSlicePort, { maxItems: 20000 })),
});
export type EndpointSlice = Static<typeof EndpointSlice>;
