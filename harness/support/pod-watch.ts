/**
 * The story of a set of pods as a watch tells it: listed first, then
 * watched from that list's resourceVersion, so no change is missed, and
 * replayed afterwards state by state. Works the same on every adapter, on
 * virtual or real time: what it checks is what any client could see.
 */
import type { WatchEvent } from '../../spec/adapter.ts';
import type { PodObject } from './cluster-reads.ts';
import type { KubespecWorld } from './world.ts';

/** Starts watching the pods of namespace default (those a label selector picks, when given); noted as 'watch' and 'watchedFrom'. */
export async function watchPods(world: KubespecWorld, labelSelector?: string): Promise<void> {
  const opts = { namespace: 'default', ...(labelSelector ? { labelSelector } : {}) };
  const list = await world.client().list('pods', opts);
  const events: WatchEvent[] = [];
  const endings: unknown[] = [];
  const handle = await world.client().watch('pods', { ...opts, resourceVersion: list.metadata.resourceVersion ?? '' }, (e) => void events.push(e), (e) => void endings.push(e));
  world.notes.note('watchedFrom', list.items);
  world.notes.note('watch', { events, endings, handle });
}

export interface PodState {
  /** What brought the pods to this state: 'the start of the watch', or the event ("MODIFIED web-x2f9k"). */
  after: string;
  pods: PodObject[];
}

/** The watched pods at the start and after each event, in the order the watch delivered them. */
export function* podStates(initial: readonly PodObject[], events: readonly WatchEvent[]): Generator<PodState> {
  const pods = new Map(initial.map((p) => [p.metadata.name ?? '', p]));
  yield { after: 'the start of the watch', pods: [...pods.values()] };
  for (const e of events) {
    const pod = e.object as PodObject;
    if (e.type === 'DELETED') pods.delete(pod.metadata.name ?? '');
    else if (e.type === 'ADDED' || e.type === 'MODIFIED') pods.set(pod.metadata.name ?? '', pod);
    else continue;
    yield { after: `${e.type} ${pod.metadata.name}`, pods: [...pods.values()] };
  }
}
