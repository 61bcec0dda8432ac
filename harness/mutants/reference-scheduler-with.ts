/**
 * A scheduler built from the reference framework with its plugins bent:
 * how the scheduler's seeded bugs are made. The bend applies to whichever
 * profile the cluster's settings ask for, so a mutant differs from the
 * reference only in its bug. The context comes from the reference cluster,
 * so its clock and work count are the reference's own.
 */
import type { ComponentFactory } from '../../spec/components.ts';
import { profileNamed, type Profile } from '../../reference/scheduler/profiles.ts';
import { Scheduler } from '../../reference/scheduler/scheduler.ts';

export const schedulerWith =
  (bend: (profile: Profile) => Profile): ComponentFactory =>
  (ctx) =>
    new Scheduler({ ...ctx, profile: bend(profileNamed(ctx.settings.schedulerProfile)) } as unknown as ConstructorParameters<typeof Scheduler>[0]);
