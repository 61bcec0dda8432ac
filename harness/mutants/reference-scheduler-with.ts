/**
 * A scheduler built from the reference framework with other plugins: how the
 * scheduler's seeded bugs are made. The context comes from the reference
 * cluster, so its clock and work count are the reference's own.
 */
import type { ComponentFactory } from '../../spec/components.ts';
import { PROFILES, type Profile } from '../../reference/scheduler/profiles.ts';
import { Scheduler } from '../../reference/scheduler/scheduler.ts';

export const NOTE = PROFILES.note;

export const schedulerWith = (profile: Profile): ComponentFactory => (ctx) => new Scheduler({ ...ctx, profile } as unknown as ConstructorParameters<typeof Scheduler>[0]);
