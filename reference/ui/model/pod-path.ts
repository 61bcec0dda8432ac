/**
 * A pod's path through the note's steps (A2), told from what the API
 * shows about it: its creation time, the scheduler's events, the
 * binding's PodScheduled condition, the kubelet's events, and the status
 * the kubelet reported. Each step says whether it happened, when, and on
 * what evidence.
 */
import type { Event } from '../../../spec/objects/event.ts';
import type { Pod } from '../../../spec/objects/pod.ts';

export type StepState = 'done' | 'waiting' | 'failed';
export type StepId = 'created' | 'scheduled' | 'bound' | 'started' | 'reported';

export interface PathEvent {
  at: string;
  type: string;
  reason: string;
  message: string;
  from: string;
}

export interface PathStep {
  id: StepId;
  title: string;
  state: StepState;
  /** When it happened, as the API recorded it (RFC 3339). */
  at?: string;
  detail: string;
  events: PathEvent[];
  /** The event that shows the step happened, by its name (namespace/name). */
  evidence?: string;
}

const SCHEDULER_REASONS = new Set(['Scheduled', 'FailedScheduling']);
const KUBELET_FAILURES = new Set(['ErrImagePull', 'ImagePullBackOff', 'CrashLoopBackOff', 'CreateContainerError', 'InvalidImageName']);

export const eventTime = (e: Event) => e.lastTimestamp ?? e.firstTimestamp ?? (e as { eventTime?: string }).eventTime ?? '';

/** The events about this pod (same uid, or same namespace and name when the uid is missing), oldest first. */
export function eventsAbout(pod: Pod, events: readonly Event[]): Event[] {
  const { uid, name, namespace } = pod.metadata;
  return events
    .filter((e) => e.involvedObject.kind === 'Pod' && (e.involvedObject.uid ? e.involvedObject.uid === uid : e.involvedObject.name === name && e.involvedObject.namespace === namespace))
    // Times of whole seconds and of microseconds mix (core and events.k8s.io Events): compare instants, then the order of writes.
    .sort((a, b) => Date.parse(eventTime(a)) - Date.parse(eventTime(b)) || Number(a.metadata.resourceVersion ?? 0) - Number(b.metadata.resourceVersion ?? 0));
}

const eventKey = (e: Event) => `${e.metadata.namespace}/${e.metadata.name}`;

const asPathEvent = (e: Event): PathEvent => ({ at: eventTime(e), type: e.type ?? 'Normal', reason: e.reason ?? '', message: e.message ?? '', from: e.source?.host ? `${e.source.component ?? ''} on ${e.source.host}` : (e.source?.component ?? e.reportingComponent ?? '') });

export function podPath(pod: Pod, allEvents: readonly Event[]): PathStep[] {
  const events = eventsAbout(pod, allEvents);
  const node = pod.spec.nodeName;
  const cond = (type: string) => pod.status?.conditions?.find((c) => c.type === type);

  const schedulerEvents = events.filter((e) => SCHEDULER_REASONS.has(e.reason ?? ''));
  const scheduled = schedulerEvents.find((e) => e.reason === 'Scheduled');
  const lastRefusal = [...schedulerEvents].reverse().find((e) => e.reason === 'FailedScheduling');

  const kubeletEvents = events.filter((e) => e.source?.component === 'kubelet');
  const startedEvent = kubeletEvents.find((e) => e.reason === 'Started');
  const waiting = (pod.status?.containerStatuses ?? []).map((s) => s.state.waiting).find((w) => w && KUBELET_FAILURES.has(w.reason ?? ''));

  const ready = cond('Ready');
  const phase = pod.status?.phase;
  const reported = Boolean(pod.status?.containerStatuses?.length);

  return [
    {
      id: 'created',
      title: 'created: the api-server authenticated the request and stored the pod',
      state: 'done',
      ...(pod.metadata.creationTimestamp ? { at: pod.metadata.creationTimestamp } : {}),
      detail: 'stored without a node: every later step is a component reacting to it through the API',
      events: [],
    },
    {
      id: 'scheduled',
      title: 'noticed by the scheduler, which chose a node',
      state: scheduled ? 'done' : lastRefusal ? 'failed' : 'waiting',
      ...(scheduled ? { at: eventTime(scheduled) } : lastRefusal ? { at: eventTime(lastRefusal) } : {}),
      detail: scheduled?.message ?? lastRefusal?.message ?? 'waiting for the scheduler',
      events: schedulerEvents.map(asPathEvent),
      ...(scheduled ? { evidence: eventKey(scheduled) } : {}),
    },
    {
      id: 'bound',
      title: 'bound: the api-server recorded the node in the pod (pods/binding)',
      state: node ? 'done' : 'waiting',
      ...(node && cond('PodScheduled')?.status === 'True' && cond('PodScheduled')?.lastTransitionTime ? { at: cond('PodScheduled')!.lastTransitionTime! } : {}),
      detail: node ? `spec.nodeName: ${node}` : 'no node yet',
      events: [],
    },
    {
      id: 'started',
      title: `started by the kubelet${node ? ` of ${node}` : ''} through its container runtime`,
      state: startedEvent ? 'done' : waiting ? 'failed' : 'waiting',
      ...(startedEvent ? { at: eventTime(startedEvent) } : {}),
      detail: startedEvent ? startedEvent.message ?? '' : waiting ? `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}` : node ? 'the kubelet has not started it yet' : 'not on a node yet',
      events: kubeletEvents.map(asPathEvent),
      ...(startedEvent ? { evidence: eventKey(startedEvent) } : {}),
    },
    {
      id: 'reported',
      title: 'status reported: the kubelet wrote the pod\'s status back to the api-server',
      state: reported ? (phase === 'Failed' ? 'failed' : 'done') : 'waiting',
      ...(reported && ready?.lastTransitionTime ? { at: ready.lastTransitionTime } : {}),
      detail: reported ? `phase ${phase}${pod.status?.podIP ? `, IP ${pod.status.podIP}` : ''}${ready ? `, Ready=${ready.status}` : ''}` : 'no status from a kubelet yet',
      events: [],
    },
  ];
}
