import type { Mutant } from '../mutant.ts';
import { schedulerWith } from '../reference-scheduler-with.ts';
import { nodeAffinity } from '../../../reference/scheduler/plugins/node-affinity.ts';

export const mutant: Mutant = { bug: "filtering forgets node affinity: a pod with nodeSelector disk=ssd lands on a node without that label", swap: 'scheduler', tags: '@component:scheduler' };

export default schedulerWith((p) => ({ ...p, filters: p.filters.filter((f) => f !== nodeAffinity) }));
