/**
 * The controllers kube-controller-manager runs, by name (as its
 * --controllers flag lists them). Add a controller here to run it.
 */
import type { ComponentFactory } from '../../spec/components.ts';
import type { ControllerFactory } from './controller.ts';
import { deploymentController } from './deployment.ts';
import { disruptionController } from './disruption.ts';
import { endpointsController } from './endpoints.ts';
import { ENDPOINTSLICE_CONTROLLER, endpointSliceController } from './endpointslice.ts';
import { namespaceController } from './namespace.ts';
import { nodeLifecycleController } from './node-lifecycle.ts';
import { replicaSetController } from './replicaset.ts';
import { taintEvictionController } from './taint-eviction.ts';

export const ALL_CONTROLLERS: Record<string, ControllerFactory> = {
  'endpoints-controller': endpointsController,
  [ENDPOINTSLICE_CONTROLLER]: endpointSliceController,
  'node-lifecycle-controller': nodeLifecycleController,
  'taint-eviction-controller': taintEvictionController,
  replicaset: replicaSetController,
  deployment: deploymentController,
  disruption: disruptionController,
  namespace: namespaceController,
};

/**
 * The controllers with some replaced by a user's own (spec/components.ts),
 * each under the name it replaces. A name kube-controller-manager does not
 * run is refused, with the names it does.
 */
export function controllersWith(swaps: Record<string, ComponentFactory> = {}): Record<string, ControllerFactory> {
  const controllers = { ...ALL_CONTROLLERS };
  for (const [name, make] of Object.entries(swaps)) {
    if (!Object.hasOwn(ALL_CONTROLLERS, name)) {
      throw new Error(`Expected a controller name (${Object.keys(ALL_CONTROLLERS).join(', ')}), got "${name}"`);
    }
    controllers[name] = (ctx) => {
      const component = make(ctx);
      return { name, start: () => component.start(), stop: () => component.stop() };
    };
  }
  return controllers;
}
