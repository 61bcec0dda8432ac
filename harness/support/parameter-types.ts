/**
 * The parameter types that let steps read like the note and share one
 * grammar: `{duration}`, `{moment}`, `{actor}`, `{kind}`, `{object}`,
 * `{names}`, `{recorder}`. A transformer runs with the World as `this`, so
 * a duration can read the cluster's settings and an actor the scenario's users.
 */
import { defineParameterType } from '@cucumber/cucumber';
import { ACTOR_PATTERN, actorFrom } from './actors.ts';
import { DURATION_PATTERN, parseDuration } from './durations.ts';
import { KIND_WORDS, kindOfWords, objectRef } from './kinds.ts';
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
