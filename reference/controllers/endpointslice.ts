/**
 * The EndpointSlice controller (pkg/controller/endpointslice), run by
 * kube-controller-manager beside the Endpoints controller: for every
 * Service with a selector it keeps EndpointSlices (discovery.k8s.io/v1)
 * listing the pods the selector matches, at most 100 to a slice
 * (--max-endpoints-per-slice, the setting maxEndpointsPerSlice), each
 * named `<service>-<5 random characters>` by the api-server and labelled
 * `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by:
 * endpointslice-controller.k8s.io`. kube-proxy reads these, not Endpoints.
 *
 * It reads the slices it manages fresh from the api-server on every sync
 * (Kubernetes keeps an EndpointSliceTracker to the same end: never act on a
 * cache that has not yet seen its own last write). When a Service goes,
 * Kubernetes' garbage collector removes its slices through their
 * ownerReferences; there is no garbage collector here, so this controller
 * deletes them itself.
 */
import { ENDPOINTSLICE_CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../../spec/objects/endpointslice.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';
import { isConflict, isNotFound, isAlreadyExists } from '../../spec/objects/status.ts';
import { Informer, objectKey } from '../client/informer.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { serviceSelector } from './endpoints.ts';
import { desiredEndpoints, type PodObject, type ServiceObject } from './endpointslice-endpoints.ts';
import { planSlices, type EndpointSliceObject } from './endpointslice-reconciler.ts';

export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller';

export function endpointSliceController(ctx: ControllerContext): Controller {
  const queue = new WorkQueue(ctx.work, (key) => sync(key));
  const enqueue = (s: KubeObject) => queue.add(objectKey(s));
  const services = new Informer<ServiceObject>(ctx.client, 'services', {}, { onAdd: enqueue, onUpdate: enqueue, onDelete: enqueue });
  // A pod change concerns every Service in its namespace whose selector matched it before or matches it now.
  const podChanged = (pod: PodObject, old?: PodObject) => {
    for (const s of services.list()) {
      if (s.metadata.namespace !== pod.metadata.namespace) continue;
      const selector = serviceSelector(s);
      if (selector && (selector.matches(pod.metadata.labels) || (old && selector.matches(old.metadata.labels)))) enqueue(s);
    }
  };
  const pods = new Informer<PodObject>(ctx.client, 'pods', {}, { onAdd: (p) => podChanged(p), onUpdate: podChanged, onDelete: (p) => podChanged(p) });
  // A pod on a node not seen yet was left out; its Services are looked at again once nodes come and go.
  const nodesChanged = () => services.list().forEach(enqueue);
  const nodes = new Informer<Node & KubeObject>(ctx.client, 'nodes', {}, { onAdd: nodesChanged, onDelete: nodesChanged });
  // Someone else changing or deleting a slice we manage: put the Service's slices right again.
  const sliceChanged = (slice: KubeObject) => {
    const svc = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (svc && slice.metadata.labels?.[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_NAME) queue.add(`${slice.metadata.namespace}/${svc}`);
  };
  const slices = new Informer<EndpointSliceObject>(ctx.client, 'endpointslices', { labelSelector: `${LABEL_MANAGED_BY}=${ENDPOINTSLICE_CONTROLLER_NAME}` }, {
    onUpdate: sliceChanged,
    onDelete: sliceChanged,
  });

  const managedSlices = async (namespace: string, name: string) =>
    (await ctx.client.list<EndpointSliceObject>('endpointslices', { namespace, labelSelector: `${LABEL_SERVICE_NAME}=${name},${LABEL_MANAGED_BY}=${ENDPOINTSLICE_CONTROLLER_NAME}` })).items;

  async function sync(key: string): Promise<void> {
    const [namespace, name] = key.split('/') as [string, string];
    const svc = services.get(key);
    if (!svc) {
      for (const slice of await managedSlices(namespace, name)) await ignoring(isNotFound, () => ctx.client.delete('endpointslices', slice.metadata.name ?? '', { namespace }));
      return;
    }
    const selector = serviceSelector(svc);
    if (!selector) return; // A Service without a selector gets no slices from this controller.
    const members = pods.list().filter((p) => p.metadata.namespace === namespace && selector.matches(p.metadata.labels));
    const desired = desiredEndpoints(svc, members, (node) => nodes.get(node));
    const plan = planSlices(svc, desired, await managedSlices(namespace, name), ctx.settings.maxEndpointsPerSlice);
    try {
      if (!svc.metadata.deletionTimestamp) for (const slice of plan.create) await ctx.client.create('endpointslices', slice, { namespace });
      for (const slice of plan.update) await ctx.client.update('endpointslices', slice, { namespace });
      for (const slice of plan.delete) await ignoring(isNotFound, () => ctx.client.delete('endpointslices', slice.metadata.name ?? '', { namespace }));
    } catch (e) {
      // Someone wrote in between (409), or a slice went away under an update: look again.
      if (isConflict(e) || isNotFound(e) || isAlreadyExists(e)) queue.add(key);
      else throw e;
    }
  }

  return {
    name: ENDPOINTSLICE_CONTROLLER,
    async start() {
      await nodes.start();
      await pods.start();
      await slices.start();
      await services.start();
    },
    stop() {
      services.stop();
      slices.stop();
      pods.stop();
      nodes.stop();
    },
  };
}

async function ignoring(expected: (e: unknown) => boolean, request: () => Promise<unknown>): Promise<void> {
  try {
    await request();
  } catch (e) {
    if (!expected(e)) throw e;
  }
}
