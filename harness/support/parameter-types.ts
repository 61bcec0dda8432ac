/** Parameter types that let steps read like the note: durations, Kubernetes names. */
import { defineParameterType } from '@cucumber/cucumber';
import { DURATION_PATTERN, parseDuration } from './durations.ts';

defineParameterType({
  name: 'duration',
  regexp: DURATION_PATTERN,
  transformer: parseDuration,
});
