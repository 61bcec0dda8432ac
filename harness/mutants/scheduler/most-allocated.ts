import type { Mutant } from '../mutant.ts';
import { NOTE, schedulerWith } from '../reference-scheduler-with.ts';
import { mostAllocated } from '../../../reference/scheduler/plugins/most-allocated.ts';

export const mutant: Mutant = { bug: 'ranking packs pods onto the fullest node (MostAllocated) instead of the one with most left', swap: 'scheduler', tags: '@component:scheduler' };

export default schedulerWith({ ...NOTE, scorers: [{ plugin: mostAllocated, weight: 1 }] });
