import type { Mutant } from '../mutant.ts';
import { schedulerWith } from '../reference-scheduler-with.ts';
import { nodeUnschedulable } from '../../../reference/scheduler/plugins/node-unschedulable.ts';

export const mutant: Mutant = { bug: 'filtering forgets spec.unschedulable: a cordoned node still gets new pods', swap: 'scheduler', tags: '@component:scheduler' };

export default schedulerWith((p) => ({ ...p, filters: p.filters.filter((f) => f !== nodeUnschedulable) }));
