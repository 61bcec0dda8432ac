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

export interface ControllerContext {
  /** The controller manager's client: identity system:kube-controller-manager. */
  client: ApiClient;
  clock: Clock;
  random: Random;
  work: WorkTracker;
  settings: ClusterSettings;
}

export interface Controller {
  readonly name: string;
  start(): Promise<void>;
  stop(): void;
}

export type ControllerFactory = (ctx: ControllerContext) => Controller;
