import type { Mutant } from '../mutant.ts';
import { schedulerWith } from '../reference-scheduler-with.ts';
import { leastAllocated } from '../../../reference/scheduler/plugins/least-allocated.ts';
import { mostAllocated } from '../../../reference/scheduler/plugins/most-allocated.ts';

export const mutant: Mutant = { bug: 'ranking packs pods onto the fullest node (MostAllocated) instead of the one with most left', swap: 'scheduler', tags: '@component:scheduler' };

export default schedulerWith((p) => ({ ...p, scorers: p.scorers.map((s) => (s.plugin === leastAllocated ? { ...s, plugin: mostAllocated } : s)) }));
