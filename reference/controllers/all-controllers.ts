/**
 * The controllers kube-controller-manager runs, by name (as its
 * --controllers flag lists them). Add a controller here to run it.
 */
import type { ControllerFactory } from './controller.ts';

export const ALL_CONTROLLERS: Record<string, ControllerFactory> = {};
