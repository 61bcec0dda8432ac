import type { Mutant } from '../mutant.ts';
import { schedulerWith } from '../reference-scheduler-with.ts';
import { nodeAffinity } from '../../../reference/scheduler/plugins/node-affinity.ts';

export const mutant: Mutant = {
  bug: 'NodeAffinity runs after NodeResourcesFit, so a node that lacks the label and is short of CPU is reported as short of CPU',
  swap: 'scheduler',
  tags: '@component:scheduler',
};

export default schedulerWith((p) => ({ ...p, filters: [...p.filters.filter((f) => f !== nodeAffinity), nodeAffinity] }));
