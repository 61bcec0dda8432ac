import type { Mutant } from '../mutant.ts';
import { schedulerWith } from '../reference-scheduler-with.ts';
import { leastAllocated, leastRequestedScore } from '../../../reference/scheduler/plugins/least-allocated.ts';
import type { ScorePlugin } from '../../../reference/scheduler/framework/plugin.ts';

export const mutant: Mutant = { bug: 'ranking looks at the CPU left only, forgetting memory', swap: 'scheduler', tags: '@component:scheduler' };

const cpuOnly: ScorePlugin = {
  name: leastAllocated.name,
  score: (pod, node) => leastRequestedScore((node.requested.cpu ?? 0) + (pod.requests.cpu ?? 0), node.allocatable.cpu ?? 0),
};
export default schedulerWith((p) => ({ ...p, scorers: p.scorers.map((s) => (s.plugin === leastAllocated ? { ...s, plugin: cpuOnly } : s)) }));
