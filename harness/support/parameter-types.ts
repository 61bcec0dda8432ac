/**
 * The parameter types that let steps read like the note. A transformer
 * runs with the World as `this`, so a duration can read the cluster's
 * effective settings.
 */
import { defineParameterType } from '@cucumber/cucumber';
import { DURATION_PATTERN, parseDuration } from './durations.ts';
import type { Notes } from './scratchpad.ts';
import type { KubespecWorld } from './world.ts';

/** "40 seconds", "1.5 s", "1 more second", "5 minutes", "a node-monitor period": see durations.ts. */
defineParameterType({
  name: 'duration',
  regexp: DURATION_PATTERN,
  transformer(this: KubespecWorld, text: string) {
    return parseDuration(text, () => this.cluster.settings);
  },
});

/** A moment an earlier step noted: "that heartbeat", "the taint was added". */
const MOMENTS = { 'that heartbeat': 'heartbeat', 'the taint was added': 'taintAdded' } as const satisfies Record<string, keyof Notes>;
export type Moment = (typeof MOMENTS)[keyof typeof MOMENTS];

defineParameterType({
  name: 'moment',
  regexp: new RegExp(Object.keys(MOMENTS).join('|')),
  transformer: (text: string): Moment => MOMENTS[text as keyof typeof MOMENTS],
});
