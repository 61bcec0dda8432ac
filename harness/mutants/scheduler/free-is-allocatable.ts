import type { Mutant } from '../mutant.ts';
import { schedulerWith } from '../reference-scheduler-with.ts';
import { nodeResourcesFit } from '../../../reference/scheduler/plugins/node-resources-fit.ts';
import type { FilterPlugin } from '../../../reference/scheduler/framework/plugin.ts';

export const mutant: Mutant = { bug: 'free resources are taken as the allocatable, forgetting what the pods already on the node request', swap: 'scheduler', tags: '@component:scheduler' };

const forgetful: FilterPlugin = { name: nodeResourcesFit.name, filter: (pod, node) => nodeResourcesFit.filter(pod, { ...node, requested: {}, requestedCpu: 0, requestedMemory: 0 }) };
export default schedulerWith((p) => ({ ...p, filters: p.filters.map((f) => (f === nodeResourcesFit ? forgetful : f)) }));
