/**
 * The controllers kube-controller-manager runs, by name (as its
 * --controllers flag lists them). Add a controller here to run it.
 */
import type { ControllerFactory } from './controller.ts';
import { endpointsController } from './endpoints.ts';
import { nodeLifecycleController } from './node-lifecycle.ts';
import { replicaSetController } from './replicaset.ts';
import { taintEvictionController } from './taint-eviction.ts';

export const ALL_CONTROLLERS: Record<string, ControllerFactory> = {
  'endpoints-controller': endpointsController,
  'node-lifecycle-controller': nodeLifecycleController,
  'taint-eviction-controller': taintEvictionController,
  replicaset: replicaSetController,
};
