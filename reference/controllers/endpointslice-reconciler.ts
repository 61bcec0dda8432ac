/**
 * From the endpoints a Service wants to the slices to write
 * (staging/src/k8s.io/endpointslice/reconciler.go): existing slices keep
 * the endpoints still wanted (updated in place when a condition changed),
 * lose the others, and are deleted when none is left; slices that changed
 * are filled up first (fullest first), then the rest goes into one
 * unchanged slice that can take it all, else into new slices of at most
 * `maxEndpointsPerSlice`. A Service with no endpoints keeps one empty
 * placeholder slice. A create that meets a delete becomes an update of the
 * slice that would have been deleted, so names stay put.
 */
import {
  ENDPOINTSLICE_CONTROLLER_NAME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  type Endpoint,
  type EndpointSlice,
  type EndpointSlicePort,
} from '../../spec/objects/endpointslice.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { endpointKey, portKey, sameEndpoint, type Desired, type ServiceObject } from './endpointslice-endpoints.ts';

export type EndpointSliceObject = EndpointSlice & KubeObject;

/** --max-endpoints-per-slice's default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
const HEADLESS_LABEL = 'service.kubernetes.io/headless';
const RESERVED = new Set([LABEL_SERVICE_NAME, LABEL_MANAGED_BY, HEADLESS_LABEL]);

export interface SlicePlan {
  create: EndpointSliceObject[];
  update: EndpointSliceObject[];
  delete: EndpointSliceObject[];
}

/** setEndpointSliceLabels: the Service's own labels, and the reserved ones that say whose slice it is. */
export function sliceLabels(svc: ServiceObject): Record<string, string> {
  const labels = Object.fromEntries(Object.entries(svc.metadata.labels ?? {}).filter(([k]) => !RESERVED.has(k)));
  const ip = svc.spec.clusterIP;
  if (!ip || ip === 'None') labels[HEADLESS_LABEL] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata.name ?? '';
  labels[LABEL_MANAGED_BY] = ENDPOINTSLICE_CONTROLLER_NAME;
  return labels;
}

const sameLabels = (a: Record<string, string> | undefined, b: Record<string, string>) => {
  const [x, y] = [Object.entries(a ?? {}).sort(), Object.entries(b).sort()];
  return JSON.stringify(x) === JSON.stringify(y);
};

/** ownedBy: the slice's owner is this Service (same uid). */
export const ownedBy = (slice: KubeObject, svc: ServiceObject) =>
  (slice.metadata.ownerReferences ?? []).some((o) => o.uid === svc.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1');

/** newEndpointSlice: named by the api-server from `<service>-`, owned by the Service (controller reference). */
export function newSlice(svc: ServiceObject, ports: EndpointSlicePort[]): EndpointSliceObject {
  const name = svc.metadata.name ?? '';
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: name.length < 253 ? `${name}-` : name,
      namespace: svc.metadata.namespace,
      labels: sliceLabels(svc),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports,
  };
}

/** The placeholder compare: an owned, empty slice with the right labels is the placeholder already. */
function isPlaceholder(slice: EndpointSliceObject, svc: ServiceObject): boolean {
  return ownedBy(slice, svc) && slice.endpoints.length === 0 && (slice.ports ?? []).length === 0 && slice.addressType === 'IPv4' && sameLabels(slice.metadata.labels, sliceLabels(svc));
}

/** reconcileByPortMapping for one group of ports. */
function reconcileGroup(svc: ServiceObject, existing: EndpointSliceObject[], wanted: Map<string, Endpoint>, ports: EndpointSlicePort[], max: number): SlicePlan {
  const desired = new Map(wanted);
  const labels = sliceLabels(svc);
  const changed: EndpointSliceObject[] = [];
  const unchanged: EndpointSliceObject[] = [];
  const gone: EndpointSliceObject[] = [];
  // 1. Keep what is still wanted, in its new form; drop the rest.
  for (const slice of existing) {
    let updated = false;
    const kept: Endpoint[] = [];
    for (const ep of slice.endpoints) {
      const want = desired.get(endpointKey(ep));
      if (!want) continue;
      kept.push(want);
      if (!sameEndpoint(want, ep)) updated = true;
      desired.delete(endpointKey(ep));
    }
    const labelsChanged = !sameLabels(slice.metadata.labels, labels);
    if (updated || kept.length !== slice.endpoints.length) {
      if (kept.length === 0) gone.push(slice);
      else changed.push({ ...slice, metadata: { ...slice.metadata, labels }, endpoints: kept });
    } else if (labelsChanged) changed.push({ ...slice, metadata: { ...slice.metadata, labels } });
    else unchanged.push(slice);
  }
  const remaining = [...desired.values()];
  // 2. Fill the slices that change anyway, fullest first.
  for (const slice of [...changed].sort((a, b) => b.endpoints.length - a.endpoints.length)) {
    while (remaining.length > 0 && slice.endpoints.length < max) slice.endpoints.push(remaining.shift()!);
  }
  // 3. What is left goes into the unchanged slice closest to full that takes it all, else into new slices.
  const create: EndpointSliceObject[] = [];
  while (remaining.length > 0) {
    let target: EndpointSliceObject | undefined;
    if (remaining.length < max) {
      const fits = unchanged.filter((s) => s.endpoints.length + remaining.length <= max).sort((a, b) => b.endpoints.length - a.endpoints.length);
      if (fits[0]) {
        unchanged.splice(unchanged.indexOf(fits[0]), 1);
        target = { ...fits[0], endpoints: [...fits[0].endpoints] };
        changed.push(target);
      }
    }
    if (!target) {
      target = newSlice(svc, ports);
      create.push(target);
    }
    while (remaining.length > 0 && target.endpoints.length < max) target.endpoints.push(remaining.shift()!);
  }
  return { create, update: changed, delete: gone };
}

/**
 * The writes that bring a Service's slices to what it wants. `existing`
 * are the slices this controller manages for the Service (by label); one
 * it does not own (an old Service's of the same name) is deleted.
 */
export function planSlices(svc: ServiceObject, desired: Desired, existing: readonly EndpointSliceObject[], max = MAX_ENDPOINTS_PER_SLICE): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const byPorts = new Map<string, EndpointSliceObject[]>();
  for (const slice of existing) {
    if (!ownedBy(slice, svc) || slice.addressType !== 'IPv4') plan.delete.push(slice);
    else byPorts.set(portKey(slice.ports), [...(byPorts.get(portKey(slice.ports)) ?? []), slice]);
  }
  for (const [key, group] of desired.groups) {
    const part = reconcileGroup(svc, byPorts.get(key) ?? [], group.endpoints, group.ports, max);
    plan.create.push(...part.create);
    plan.update.push(...part.update);
    plan.delete.push(...part.delete);
  }
  for (const [key, slices] of byPorts) if (!desired.groups.has(key)) plan.delete.push(...slices);
  if (existing.length === plan.delete.length && plan.create.length === 0) {
    if (plan.delete.length === 1 && isPlaceholder(plan.delete[0]!, svc)) plan.delete = [];
    else plan.create.push(newSlice(svc, []));
  }
  return reuseDeletedNames(svc, plan);
}

/** finalize: each create that meets an owned slice about to be deleted replaces it in place instead. */
function reuseDeletedNames(svc: ServiceObject, plan: SlicePlan): SlicePlan {
  const create = [...plan.create];
  const update = [...plan.update];
  const remove: EndpointSliceObject[] = [];
  for (const old of plan.delete) {
    const replacement = create.length > 0 && ownedBy(old, svc) && old.addressType === 'IPv4' ? create.pop()! : undefined;
    if (!replacement) {
      remove.push(old);
      continue;
    }
    update.push({ ...replacement, metadata: { ...replacement.metadata, name: old.metadata.name, resourceVersion: old.metadata.resourceVersion } });
  }
  return { create, update, delete: remove };
}
