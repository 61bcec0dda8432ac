/**
 * Letting time pass, the one way: a duration from now, or a duration since
 * a moment an earlier step noted (counted from the latest it can have
 * been, so the time has surely passed). On a virtual clock this takes no time.
 */
import { When } from '@cucumber/cucumber';
import type { Moment } from '../support/parameter-types.ts';
import type { KubespecWorld } from '../support/world.ts';

When('{duration} pass(es)', async function (this: KubespecWorld, ms: number) {
  await this.passTime(ms);
});

When('{duration} has/have passed since {moment}', async function (this: KubespecWorld, ms: number, moment: Moment) {
  await this.passTime(this.notes.recall(moment).latest + ms - this.cluster.clock.now());
});
