/**
 * Records Events through the api-server, as client-go's event recorder
 * does: what a component did, readable by any client (`kubectl get events`).
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { Event } from '../../spec/objects/event.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Clock } from '../runtime/clock.ts';

export interface EventRecorder {
  record(about: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void>;
}

/** Kubernetes names events `<object>.<16 hex digits>`; these come from the recorder, the time and a counter. */
function eventSuffix(component: string, host: string, at: number, seq: number): string {
  let h = 0xcbf29ce484222325n;
  for (const ch of `${component}/${host}/${at}/${seq}`) h = BigInt.asUintN(64, (h ^ BigInt(ch.charCodeAt(0))) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

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
        involvedObject: {
          kind: about.kind ?? '',
          namespace: about.metadata.namespace ?? '',
          name: about.metadata.name ?? '',
          uid: about.metadata.uid ?? '',
          apiVersion: about.apiVersion ?? 'v1',
        },
        reason,
        message,
        type,
        source: { component, ...(host ? { host } : {}) },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        reportingComponent: component,
      };
      await client.create('events', event as unknown as KubeObject, { namespace });
    },
  };
}
