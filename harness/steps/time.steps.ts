/**
 * Letting time pass, the one way: a duration from now, or a duration since
 * a moment an earlier step noted. On a virtual clock this takes no time.
 */
import { When } from '@cucumber/cucumber';
import type { KubespecWorld } from '../support/world.ts';

When('{duration} pass(es)', async function (this: KubespecWorld, ms: number) {
  await this.passTime(ms);
});

When('{duration} has/have passed since {moment}', async function (this: KubespecWorld, ms: number, moment: string) {
  const at = this.remembered.get(moment);
  if (typeof at !== 'number') throw new Error(`No time was noted for "${moment}" by an earlier step`);
  await this.passTime(at + ms - this.cluster.clock.now());
});
