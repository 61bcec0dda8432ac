/**
 * The timeline of a node-lifecycle scenario for the HTML report: recorded
 * from the API from the moment a step started the cluster (or earlier, when
 * a step silences a node first), and attached as a picture when the
 * scenario ends (hooks.ts).
 */
import { TimelineRecorder } from '../../reference/ui/timeline/recorder.ts';
import type { KubespecWorld } from './world.ts';

/** Starts recording, once per scenario. */
export async function recordTimeline(world: KubespecWorld): Promise<void> {
  if (world.timeline) return;
  const recorder = new TimelineRecorder(() => world.cluster.clock.now(), world.cluster.settings);
  world.timeline = recorder;
  await recorder.start(world.client());
}
