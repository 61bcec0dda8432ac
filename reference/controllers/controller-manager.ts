/**
 * kube-controller-manager (C8): one process, one identity, many
 * controllers, each started with the same context and acting only through
 * the api-server (C3).
 */
import type { Controller, ControllerContext, ControllerFactory } from './controller.ts';

export const CONTROLLER_MANAGER_USER = 'system:kube-controller-manager';

export class ControllerManager {
  readonly controllers: Controller[];

  constructor(ctx: ControllerContext, factories: Record<string, ControllerFactory>) {
    this.controllers = Object.values(factories).map((make) => make(ctx));
  }

  async start(): Promise<void> {
    for (const c of this.controllers) await c.start();
  }

  stop(): void {
    for (const c of this.controllers) c.stop();
  }

  names(): string[] {
    return this.controllers.map((c) => c.name);
  }
}
