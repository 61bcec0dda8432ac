import type { Mutant } from '../mutant.ts';
import { schedulerWith } from '../reference-scheduler-with.ts';
import { leastAllocated } from '../../../reference/scheduler/plugins/least-allocated.ts';
import type { ScorePlugin } from '../../../reference/scheduler/framework/plugin.ts';

export const mutant: Mutant = { bug: 'ties are broken by node name, not at random: equal nodes never share the load', swap: 'scheduler', tags: '@component:scheduler' };

/** One point more for the alphabetically first node: equal nodes are no longer equal. */
const biased: ScorePlugin = { name: leastAllocated.name, score: (pod, node) => leastAllocated.score(pod, node) + (node.name.endsWith('-1') ? 1 : 0) };
export default schedulerWith((p) => ({ ...p, scorers: p.scorers.map((s) => (s.plugin === leastAllocated ? { ...s, plugin: biased } : s)) }));
