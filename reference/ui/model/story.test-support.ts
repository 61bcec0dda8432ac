/**
 * A small cluster on the virtual clock for the view's model tests: two
 * nodes, a clock that reads as wall time (the timestamps objects carry),
 * and the timeline recorder the page runs, fed by the API's watches.
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { ClusterSettings } from '../../../spec/settings.ts';
import { ReferenceCluster } from '../../cluster.ts';
import { VIRTUAL_EPOCH } from '../../runtime/clock.ts';
import { TimelineRecorder } from '../timeline/recorder.ts';

export interface Story {
  cluster: ReferenceCluster;
  recorder: TimelineRecorder;
  /** Wall-clock ms, as the objects' timestamps read. */
  now(): number;
  pass(ms: number): Promise<void>;
  run(name: string, image?: string, cpu?: string): Promise<void>;
  list<T>(resource: string, namespace?: string): Promise<T[]>;
  stop(): Promise<void>;
}

export async function storyCluster(settings: Partial<ClusterSettings> = {}): Promise<Story> {
  const cluster = await new ReferenceCluster({ settings: { schedulerExplain: true, ...settings } }).start();
  for (const name of ['worker-1', 'worker-2']) await cluster.nodes.add({ name, cpu: '4', memory: '8Gi' });
  const now = () => VIRTUAL_EPOCH + cluster.clock.now();
  const recorder = new TimelineRecorder(now, cluster.settings);
  const admin = cluster.client();
  await recorder.start(admin);
  await cluster.settle();
  return {
    cluster,
    recorder,
    now,
    pass: async (ms) => {
      for (let left = ms; left > 0; left -= 1000) await cluster.clock.advance!(Math.min(1000, left));
    },
    run: async (name, image = 'nginx:1.27', cpu = '500m') => {
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image, resources: { requests: { cpu, memory: '256Mi' } } }] } };
      await admin.create('pods', pod as unknown as KubeObject, { namespace: 'default' });
      await cluster.settle();
    },
    list: async <T>(resource: string, namespace?: string) => (await admin.list(resource, namespace ? { namespace } : {})).items as unknown as T[],
    stop: async () => {
      recorder.stop();
      await cluster.stop();
    },
  };
}
