/**
 * What several step files read from the cluster, always as a client would:
 * pods and the node each runs on, nodes, the Events about an object, and
 * (where the adapter keeps one) the store access log.
 */
import assert from 'node:assert/strict';
import type { StoreAccess } from '../../spec/adapter.ts';
import type { Event } from '../../spec/objects/event.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import type { KubespecWorld } from './world.ts';

export type PodObject = Pod & KubeObject;
export type NodeObject = Node & KubeObject;

/** A pod of one container, named after its image (`nginx:1.27` runs as container `nginx`), as `kubectl run` makes. */
export function simplePod(name: string, image: string): PodObject {
  const container = image.split(/[:@/]/).filter(Boolean).at(-2) ?? image.split(':')[0]!;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: container.replace(/[^a-z0-9-]/g, '-'), image }] } };
}

export function getPod(world: KubespecWorld, name: string): Promise<PodObject> {
  return world.client().get<PodObject>('pods', name, { namespace: 'default' });
}

/** The node a pod was bound to, noted as "its node" for the steps after. */
export async function itsNode(world: KubespecWorld, pod: string): Promise<string> {
  const node = (await getPod(world, pod)).spec.nodeName;
  assert.ok(node, `pod "${pod}" has no node yet`);
  world.notes.note('itsNode', node);
  return node;
}

/** Replaces `<its node>` in an expected message with the node an earlier step noted. */
export function fillInItsNode(world: KubespecWorld, text: string): string {
  return text.includes('<its node>') ? text.replace(/<its node>/g, world.notes.recall('itsNode')) : text;
}

export function getNode(world: KubespecWorld, name: string): Promise<NodeObject> {
  return world.client().get<NodeObject>('nodes', name);
}

/** Events about one object, in the order the store committed them (resourceVersion). */
export async function eventsAbout(world: KubespecWorld, kind: string, name: string, namespace = 'default'): Promise<Event[]> {
  const list = await world.client().list<Event & KubeObject>('events', { namespace, fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${name}` });
  return list.items.sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
}

/** The store access log; the scenario must carry @store-audit, or the adapter must keep a log. */
export function storeLog(world: KubespecWorld): readonly StoreAccess[] {
  const read = world.cluster.observe.storeLog;
  if (!read) throw new Error(`adapter "${world.adapter.name}" keeps no store log; tag the scenario @store-audit`);
  return read.call(world.cluster.observe);
}
