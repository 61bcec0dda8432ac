import type { Mutant } from '../mutant.ts';
import { schedulerWith } from '../reference-scheduler-with.ts';
import { nodeResourcesFit } from '../../../reference/scheduler/plugins/node-resources-fit.ts';
import type { FilterPlugin } from '../../../reference/scheduler/framework/plugin.ts';

export const mutant: Mutant = { bug: 'filtering compares only CPU: a node short of memory still passes', swap: 'scheduler', tags: '@component:scheduler' };

const cpuOnly: FilterPlugin = {
  name: nodeResourcesFit.name,
  filter: (pod, node) => nodeResourcesFit.filter({ ...pod, requests: { ...pod.requests, memory: 0 } }, node),
};
export default schedulerWith((p) => ({ ...p, filters: p.filters.map((f) => (f === nodeResourcesFit ? cpuOnly : f)) }));
