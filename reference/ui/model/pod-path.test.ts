/**
 * A pod's path through the note's steps, read from a real run of the
 * reference: created, noticed by the scheduler, bound, started by the
 * kubelet of the node it was bound to, status reported; and where it
 * stops when its image cannot be pulled or no node fits it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Event } from '../../../spec/objects/event.ts';
import type { Pod } from '../../../spec/objects/pod.ts';
import { podPath } from './pod-path.ts';
import { storyCluster, type Story } from './story.test-support.ts';

describe('a pod\'s path through the note\'s steps', () => {
  let story: Story;
  before(async () => {
    story = await storyCluster();
    story.cluster.nodes.failImagePull!('registry.invalid/missing:1');
    await story.run('web');
    await story.run('broken', 'registry.invalid/missing:1');
    await story.run('huge', 'nginx:1.27', '64');
  });
  after(() => story.stop());

  const pathOf = async (name: string) => {
    const pods = await story.list<Pod>('pods', 'default');
    return podPath(pods.find((p) => p.metadata.name === name)!, await story.list<Event>('events'));
  };

  it('walks a running pod through all five steps, started on the node it was bound to', async () => {
    const steps = await pathOf('web');
    assert.deepEqual(steps.map((s) => [s.id, s.state]), [['created', 'done'], ['scheduled', 'done'], ['bound', 'done'], ['started', 'done'], ['reported', 'done']]);
    const node = /^spec\.nodeName: (worker-\d)$/.exec(steps[2]!.detail)?.[1];
    assert.ok(node, steps[2]!.detail);
    assert.equal(steps[1]!.detail, `Successfully assigned default/web to ${node}`);
    assert.deepEqual(steps[3]!.events.map((e) => [e.reason, e.from]), ['Pulling', 'Pulled', 'Created', 'Started'].map((r) => [r, `kubelet on ${node}`]));
    assert.match(steps[4]!.detail, /^phase Running, IP 10\.244\.\d+\.\d+, Ready=True$/);
    // Whole seconds (metav1.Time) or microseconds (an events.k8s.io eventTime), always UTC.
    for (const s of steps) assert.match(s.at ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, `${s.id} has no time`);
  });

  it('stops at the kubelet when the image cannot be pulled', async () => {
    const steps = await pathOf('broken');
    assert.deepEqual(steps.map((s) => s.state), ['done', 'done', 'done', 'failed', 'done']);
    assert.match(steps[3]!.detail, /^(ErrImagePull|ImagePullBackOff)/);
  });

  it('stops at the scheduler when no node has room, with its reason', async () => {
    const steps = await pathOf('huge');
    assert.deepEqual(steps.map((s) => s.state), ['done', 'failed', 'waiting', 'waiting', 'waiting']);
    assert.equal(steps[1]!.detail, '0/2 nodes are available: 2 Insufficient cpu.');
  });
});
