/**
 * Waiting for something a component does in its own time (a taint, a
 * namespace's removal, a drain's evictions): time passes a second at a
 * time until it has happened. On a virtual clock that costs no waiting;
 * on a real one it polls once a second.
 */
import type { KubespecWorld } from './world.ts';

/** Lets time pass a second at a time until `done` holds; returns the clock time when it did. */
export async function secondBySecondUntil(world: KubespecWorld, what: string, done: () => Promise<boolean>, limitMs = 15 * 60_000): Promise<number> {
  const start = world.cluster.clock.now();
  while (!(await done())) {
    if (world.cluster.clock.now() - start > limitMs) throw new Error(`${what} did not happen within ${limitMs / 1000} s`);
    await world.passTime(1000);
  }
  return world.cluster.clock.now();
}
