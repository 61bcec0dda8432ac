/**
 * The parameter types that let steps read like the note and share one
 * grammar: `{duration}`, `{moment}`, `{actor}`, `{kind}`, `{object}`,
 * `{names}`, `{recorder}`. A transformer runs with the World as `this`, so
 * a duration can read the cluster's settings and an actor the scenario's users.
 */
import { defineParameterType } from '@cucumber/cucumber';
import { ACTOR_PATTERN, actorFrom } from './actors.ts';
import { DURATION_PATTERN, parseDuration, statesAnAmount } from './durations.ts';
import { runsTheNotesTimings } from './real-time-settings.ts';
import { KIND_WORDS, kindOfWords, objectRef } from './kinds.ts';
import type { Notes } from './scratchpad.ts';
import type { KubespecWorld } from './world.ts';

/**
 * "40 seconds", "1.5 s", "1 more second", "5 minutes", "a node-monitor period", "the grace period":
 * see durations.ts. Once the cluster runs, an amount of time is refused on a real clock whose
 * timings are not the note's (a scaled cluster: real-time-settings.ts), where it would not mean
 * what the scenario says: such a scenario names the period it waits for instead.
 */
defineParameterType({
  name: 'duration',
  regexp: DURATION_PATTERN,
  transformer(this: KubespecWorld, text: string) {
    if (this.hasCluster && !this.cluster.clock.advance && statesAnAmount(text) && !runsTheNotesTimings(this.cluster.settings)) {
      throw new Error(`"${text}" is an amount of time, but this cluster runs on the real clock with its own timings (node-monitor period ${this.cluster.settings.nodeMonitorPeriodMs} ms, grace period ${this.cluster.settings.nodeMonitorGracePeriodMs} ms): name the period instead, e.g. "the grace period"`);
    }
    return parseDuration(text, () => this.cluster.settings);
  },
});

/** A moment an earlier step noted: "that heartbeat", "the taint was added". */
const MOMENTS = { 'that heartbeat': 'heartbeat', 'the taint was added': 'taintAdded', 'it was created': 'created' } as const satisfies Record<string, keyof Notes>;
export type Moment = (typeof MOMENTS)[keyof typeof MOMENTS];
/** Each moment as a failure message names it. */
export const MOMENT_NAMES: Record<Moment, string> = { heartbeat: 'that heartbeat', taintAdded: 'the taint was added', created: 'it was created' };

defineParameterType({
  name: 'moment',
  regexp: new RegExp(Object.keys(MOMENTS).join('|')),
  transformer: (text: string): Moment => MOMENTS[text as keyof typeof MOMENTS],
});

/** Who sends a request: see actors.ts. */
defineParameterType({
  name: 'actor',
  regexp: ACTOR_PATTERN,
  useForSnippets: false,
  transformer(this: KubespecWorld, phrase: string) {
    return actorFrom(phrase, this.config.users);
  },
});

/** A kind in prose, singular or plural: "config map", "role bindings". */
defineParameterType({
  name: 'kind',
  regexp: new RegExp(KIND_WORDS),
  transformer: kindOfWords,
});

/** One object: `config map "settings"`, `namespace "kube-system"`, `pod "web" in namespace "prod"`. */
defineParameterType({
  name: 'object',
  useForSnippets: false,
  regexp: new RegExp(`(${KIND_WORDS}) "([^"]+)"(?: in namespace "([^"]+)")?`),
  transformer: (words: string, name: string, namespace: string | undefined) => objectRef(words, name, namespace ?? undefined),
});

/** Names in a list: `"web-1"`, `"web-1" and "web-2"`, `"a", "b" and "c"`. */
defineParameterType({
  name: 'names',
  regexp: /"[^"]+"(?:(?:, | and )"[^"]+")*/,
  useForSnippets: false,
  transformer: (list: string) => [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!),
});

/** The component whose Events a step reads, by the source.component it records them as. */
const RECORDERS = { 'the kubelet': 'kubelet', 'the node controller': 'node-controller' } as const;

defineParameterType({
  name: 'recorder',
  regexp: new RegExp(Object.keys(RECORDERS).join('|')),
  transformer: (text: string) => RECORDERS[text as keyof typeof RECORDERS],
});
