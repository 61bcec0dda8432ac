/**
 * A reference controller run with a bent client or misread settings: how
 * the controllers' seeded bugs are made. The context comes from the
 * reference cluster, so its clock and work count are the reference's own.
 */
import type { ApiClient } from '../../spec/adapter.ts';
import type { ComponentContext, ComponentFactory } from '../../spec/components.ts';
import type { ClusterSettings } from '../../spec/settings.ts';
import type { ControllerContext, ControllerFactory } from '../../reference/controllers/controller.ts';

export function controllerWith(
  make: ControllerFactory,
  bend: { client?: (c: ApiClient) => ApiClient; settings?: (s: ClusterSettings) => Partial<ClusterSettings> },
): ComponentFactory {
  return (ctx: ComponentContext) => {
    const c = ctx as unknown as ControllerContext;
    return make({
      ...c,
      client: bend.client ? bend.client(c.client) : c.client,
      settings: bend.settings ? { ...c.settings, ...bend.settings(c.settings) } : c.settings,
    });
  };
}
