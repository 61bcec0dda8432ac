/**
 * What several step files read from the cluster, always as a client would:
 * pods and the node each runs on, nodes with their conditions and taints,
 * the Events about an object, and (where the adapter keeps one) the store
 * access log.
 */
import assert from 'node:assert/strict';
import type { StoreAccess } from '../../spec/adapter.ts';
import type { Event } from '../../spec/objects/event.ts';
import type { Condition, KubeObject } from '../../spec/objects/meta.ts';
import type { Node, Taint } from '../../spec/objects/node.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import type { KubespecWorld } from './world.ts';

export type PodObject = Pod & KubeObject;
export type NodeObject = Node & KubeObject;
/** Every pod of the scenarios lives here. */
const DEFAULT_NS = { namespace: 'default' } as const;

/** A pod of one container, named after its image (`nginx:1.27` runs as container `nginx`), as `kubectl run` makes. */
export function simplePod(name: string, image: string): PodObject {
  const container = image.split(/[:@/]/).filter(Boolean).at(-2) ?? image.split(':')[0]!;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: container.replace(/[^a-z0-9-]/g, '-'), image }] } };
}

export function getPod(world: KubespecWorld, name: string): Promise<PodObject> {
  return world.client().get<PodObject>('pods', name, DEFAULT_NS);
}

export async function listPods(world: KubespecWorld): Promise<PodObject[]> {
  return (await world.client().list<PodObject>('pods', DEFAULT_NS)).items;
}

/** The node a pod was bound to, noted as "its node" for the steps after. */
export async function itsNode(world: KubespecWorld, pod: string): Promise<string> {
  const node = (await getPod(world, pod)).spec.nodeName;
  assert.ok(node, `pod "${pod}" has no node yet`);
  world.notes.note('itsNode', node);
  return node;
}

/** Replaces `<its node>` in an expected message with the node noted by an earlier step. */
export function fillInItsNode(world: KubespecWorld, text: string): string {
  return text.includes('<its node>') ? text.replace(/<its node>/g, world.notes.recall('itsNode')) : text;
}

export async function podIP(world: KubespecWorld, name: string): Promise<string> {
  const ip = (await getPod(world, name)).status?.podIP;
  assert.ok(ip, `pod "${name}" has no IP yet`);
  return ip;
}

export function getNode(world: KubespecWorld, name: string): Promise<NodeObject> {
  return world.client().get<NodeObject>('nodes', name);
}

export async function listNodes(world: KubespecWorld): Promise<NodeObject[]> {
  return (await world.client().list<NodeObject>('nodes')).items;
}

export function conditionOf(obj: { status?: { conditions?: Condition[] } }, type: string): Condition | undefined {
  return obj.status?.conditions?.find((c) => c.type === type);
}

/** `key=value:Effect` or `key:Effect`, as `kubectl taint` writes them. */
export function parseTaint(text: string): Taint {
  const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(text);
  if (!m) throw new Error(`Expected a taint such as "node.kubernetes.io/unreachable:NoExecute" or "dedicated=gpu:NoSchedule", got ${JSON.stringify(text)}`);
  return { key: m[1]!, ...(m[2] !== undefined ? { value: m[2] } : {}), effect: m[3] as Taint['effect'] };
}

/** The node's taint with the same key and effect, if it has one. */
export function findTaint(node: NodeObject, taint: Taint): Taint | undefined {
  return (node.spec?.taints ?? []).find((t) => t.key === taint.key && t.effect === taint.effect);
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

export const isWrite = (e: StoreAccess): boolean => e.op === 'create' || e.op === 'update' || e.op === 'delete';

/** The committed writes in the store log, optionally to one key. */
export function storeWrites(world: KubespecWorld, key?: string): StoreAccess[] {
  return storeLog(world).filter((e) => isWrite(e) && (key === undefined || e.key === key));
}

export const podKey = (name: string) => `/registry/pods/default/${name}`;

/**
 * Which component recorded an event: `source.component` for the core/v1
 * recorder (kubelet, controllers), `reportingComponent` for events.k8s.io/v1
 * (kube-scheduler), whose core/v1 view has an empty source.
 */
export const recorderOf = (e: { source?: { component?: string }; reportingComponent?: string }): string => e.source?.component || e.reportingComponent || '';
