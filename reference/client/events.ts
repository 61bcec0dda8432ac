/**
 * Records Events through the api-server, as client-go's event recorder
 * does: what a component did, readable by any client (`kubectl get events`).
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { Event } from '../../spec/objects/event.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { isNamespaceTerminating } from '../../spec/objects/status.ts';
import type { Clock } from '../runtime/clock.ts';

/**
 * Creates the event. One refused because its namespace is being deleted is
 * dropped, as client-go's recorder drops what the server rejects ("will not
 * retry"): recording never fails the work it describes.
 */
async function send(client: ApiClient, event: Event, namespace: string): Promise<void> {
  try {
    await client.create('events', event as unknown as KubeObject, { namespace });
  } catch (e) {
    if (!isNamespaceTerminating(e)) throw e;
  }
}

export interface EventRecorder {
  /** `action` is what the recorder was doing (events.k8s.io/v1's field); recorders of the older API ignore it. */
  record(about: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, action?: string): Promise<void>;
}

/** Kubernetes names events `<object>.<16 hex digits>`; these come from the recorder, the time and a counter. */
function eventSuffix(component: string, host: string, at: number, seq: number): string {
  let h = 0xcbf29ce484222325n;
  for (const ch of `${component}/${host}/${at}/${seq}`) h = BigInt.asUintN(64, (h ^ BigInt(ch.charCodeAt(0))) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

const involved = (about: KubeObject) => ({
  kind: about.kind ?? '',
  namespace: about.metadata.namespace ?? '',
  name: about.metadata.name ?? '',
  uid: about.metadata.uid ?? '',
  apiVersion: about.apiVersion ?? 'v1',
});

/**
 * The recorder of events.k8s.io/v1, which kube-scheduler uses
 * (client-go/tools/events): read through core/v1, its Events have no
 * `source`, only reportingComponent and reportingInstance, an `action`
 * and an eventTime in microseconds, and no first/last timestamps.
 */
export function eventsApiRecorder(client: ApiClient, clock: Clock, controller: string, instance: string): EventRecorder {
  let seq = 0;
  return {
    async record(about, type, reason, message, action = '') {
      const namespace = about.metadata.namespace ?? 'default';
      const event: Event = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${about.metadata.name}.${eventSuffix(controller, instance, clock.now(), seq++)}`, namespace },
        involvedObject: involved(about),
        reason,
        message,
        type,
        reportingComponent: controller,
        reportingInstance: instance,
        action,
        eventTime: clock.microTimestamp(),
      };
      await send(client, event, namespace);
    },
  };
}

/** The core/v1 recorder (client-go/tools/record), which the kubelet and kube-controller-manager's controllers use. */
export function eventRecorder(client: ApiClient, clock: Clock, component: string, host?: string): EventRecorder {
  let seq = 0;
  return {
    async record(about, type, reason, message) {
      const namespace = about.metadata.namespace ?? 'default';
      const now = clock.timestamp();
      const event: Event = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${about.metadata.name}.${eventSuffix(component, host ?? '', clock.now(), seq++)}`, namespace },
        involvedObject: involved(about),
        reason,
        message,
        type,
        source: { component, ...(host ? { host } : {}) },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        reportingComponent: component,
      };
      await send(client, event, namespace);
    },
  };
}
