import type { Mutant } from '../mutant.ts';
import { schedulerWith } from '../reference-scheduler-with.ts';
import { taintToleration } from '../../../reference/scheduler/plugins/taint-toleration.ts';

export const mutant: Mutant = { bug: 'filtering forgets taints: a pod lands on a node whose NoSchedule taint it does not tolerate', swap: 'scheduler', tags: '@component:scheduler' };

export default schedulerWith((p) => ({ ...p, filters: p.filters.filter((f) => f !== taintToleration) }));
