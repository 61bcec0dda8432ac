/**
 * When things happen, on either clock. On a virtual clock the harness moves
 * time itself, so a moment is exact and a boundary can be checked to the
 * millisecond. On a real clock the harness can only look, so a moment is
 * the interval between the last look that did not see it and the first
 * that did, and a timed change is checked against a window:
 *
 *   not before  the boundary (the earliest the moment allows, plus the wait),
 *   not after   the boundary (the latest the moment allows, plus the wait,
 *               plus how late the cluster may notice the moment)
 *               + one node-monitor period + REAL_TIME_SLACK_MS.
 *
 * On a virtual clock the same window has no slack: the change must not have
 * happened 1 ms before the boundary and must have by one period after it.
 */
import type { Instant } from './instant.ts';
import type { KubespecWorld } from './world.ts';

export type { Instant };


/**
 * How much later than one check period after its boundary a real cluster
 * may show a timed change: the time the change takes to travel to where the
 * harness sees it. The controller's write, the watch that feeds the next
 * component's informer (the taint manager's, for an eviction) and the
 * harness's own look every 100 ms take well under 0.5 s on loopback; the
 * rest is for two cores shared with other work, where a process may wait
 * its turn. (When the cluster notices the moment itself later, such as a
 * heartbeat the node controller hears only at its next check, the window
 * says so: Window.noticedWithinMs.) Set KUBESPEC_REAL_TIME_SLACK_MS to give
 * a slower machine more.
 */
export const REAL_TIME_SLACK_MS = Number(process.env.KUBESPEC_REAL_TIME_SLACK_MS ?? 1000);

/** How often the harness looks on a real clock. */
const LOOK_EVERY_MS = 100;
/** How far a virtual clock moves between looks while waiting for something. */
const VIRTUAL_STEP_MS = 1000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lets time pass until `done` holds and says when it did. On a virtual
 * clock a second at a time; on a real one by looking every 100 ms.
 */
export async function until(world: KubespecWorld, what: string, done: () => Promise<boolean>, limitMs = 15 * 60_000): Promise<Instant> {
  const clock = world.cluster.clock;
  const start = clock.now();
  let notYet = -Infinity;
  for (;;) {
    const lookedAt = clock.now();
    if (await done()) return clock.advance ? { earliest: clock.now(), latest: clock.now() } : { earliest: notYet, latest: clock.now() };
    notYet = lookedAt;
    if (clock.now() - start > limitMs) throw new Error(`${what} did not happen within ${seconds(limitMs)}`);
    if (clock.advance) await world.passTime(VIRTUAL_STEP_MS);
    else await sleep(LOOK_EVERY_MS);
  }
}

export interface Window {
  /** What is expected, as a failure should name it: `node "worker-1" is marked Unknown`. */
  what: string;
  /** The moment the wait is counted from, and its name: `that heartbeat`. */
  since: Instant;
  sinceName: string;
  /** How long after that moment the change is due. */
  afterMs: number;
  /**
   * How much later than the moment itself the cluster may notice it: the node
   * controller hears a heartbeat only at its next check (tryUpdateNodeHealth
   * sets probeTimestamp to the check's time), so the grace period may start
   * up to one node-monitor period after the heartbeat. @default 0
   */
  noticedWithinMs?: number;
}

/**
 * Checks that `happened` becomes true within the window after `since`
 * (see the top of this file), and returns when it was seen. On a virtual
 * clock it looks just before the window opens, then a second at a time
 * until it sees the change, so the moment it returns is when it happened.
 */
export async function within(world: KubespecWorld, window: Window, happened: () => Promise<boolean>): Promise<Instant> {
  const { clock, settings } = world.cluster;
  const opens = window.since.earliest + window.afterMs;
  const due = window.since.latest + (window.noticedWithinMs ?? 0) + window.afterMs;
  const closes = due + settings.nodeMonitorPeriodMs + (clock.advance ? 0 : REAL_TIME_SLACK_MS);
  const when = (t: number) => `${seconds(t - window.since.latest)} after ${window.sinceName}`;
  const span = `${seconds(window.afterMs)} after ${window.sinceName}, by ${seconds(closes - window.since.latest)}`;
  const tooEarly = (t: number) => new Error(`${window.what} already at ${when(t)}, before the window (${span})`);
  const tooLate = (t: number) => new Error(`${window.what}: not yet at ${when(t)}, past the window (${span})`);

  if (clock.advance) {
    const justBefore = opens - 1 - clock.now();
    if (justBefore < 0) throw new Error(`${window.what}: the window (${span}) opened before this step could watch it`);
    await world.passTime(justBefore);
    if (await happened()) throw tooEarly(clock.now());
    await world.passTime(1);
    for (;;) {
      if (await happened()) return { earliest: clock.now(), latest: clock.now() };
      if (clock.now() >= closes) throw tooLate(clock.now());
      await world.passTime(Math.min(VIRTUAL_STEP_MS, closes - clock.now()));
    }
  }

  let notYet = -Infinity;
  for (;;) {
    const lookedAt = clock.now();
    const seen = await happened();
    const answeredAt = clock.now();
    if (seen) {
      if (answeredAt < opens) throw tooEarly(answeredAt);
      // In the report: how late in its window a real cluster was.
      world.log?.(`${window.what}: seen at ${when(answeredAt)}, not seen at ${when(notYet)}; window ${span}`);
      return { earliest: notYet, latest: answeredAt };
    }
    if (lookedAt > closes) throw tooLate(lookedAt);
    notYet = lookedAt;
    await sleep(LOOK_EVERY_MS);
  }
}
