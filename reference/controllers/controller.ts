/**
 * A controller (C1, C7): it watches objects through the api-server,
 * compares what is with what should be, and acts through the API. Every
 * controller in kube-controller-manager has this shape.
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { ClusterSettings } from '../../spec/settings.ts';
import type { Clock } from '../runtime/clock.ts';
import type { Random } from '../runtime/random.ts';
import type { WorkTracker } from '../runtime/work-tracker.ts';

/** One resource as the api-server's discovery lists it (an APIResource with its group and version). */
export interface DiscoveredResource {
  resource: string;
  group: string;
  version: string;
  namespaced: boolean;
  verbs: readonly string[];
}

export interface ControllerContext {
  /** The controller manager's client: identity system:kube-controller-manager. */
  client: ApiClient;
  clock: Clock;
  random: Random;
  work: WorkTracker;
  settings: ClusterSettings;
  /**
   * What the api-server serves, as its discovery documents list it: how
   * the namespace controller learns every kind it must empty a deleted
   * namespace of (kube-controller-manager hands it the discovery client's
   * ServerPreferredNamespacedResources). Absent: no kind is known.
   */
  discoverResources?: () => Promise<DiscoveredResource[]>;
}

export interface Controller {
  readonly name: string;
  start(): Promise<void>;
  stop(): void;
}

export type ControllerFactory = (ctx: ControllerContext) => Controller;
