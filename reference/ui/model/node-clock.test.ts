/**
 * The node controller's clock as the page reconstructs it from the API,
 * checked against what the reference really does on its virtual clock: a
 * node silenced after a heartbeat is marked Unknown within one check
 * period after the grace period, and each pod is marked for deletion when
 * the countdown the view shows runs out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Lease } from '../../../spec/objects/lease.ts';
import type { Node } from '../../../spec/objects/node.ts';
import type { Pod } from '../../../spec/objects/pod.ts';
import { drawTimeline } from '../timeline/picture.ts';
import { overlaps } from '../timeline/label-layout.ts';
import { isSilent, nodeClock } from './node-clock.ts';
import { nodeUsage } from './node-usage.ts';
import { storyCluster, type Story } from './story.test-support.ts';

describe('the node controller\'s clock for a silent node', () => {
  let story: Story;
  let victim: string;
  before(async () => {
    story = await storyCluster();
    await story.run('a');
    await story.run('b');
    victim = (await story.list<Pod>('pods', 'default')).find((p) => p.metadata.name === 'a')!.spec.nodeName!;
  });
  after(() => story.stop());

  const clockNow = async () => {
    const node = (await story.list<Node>('nodes')).find((n) => n.metadata.name === victim)!;
    const lease = (await story.list<Lease>('leases', 'kube-node-lease')).find((l) => l.metadata.name === victim);
    const pods = await story.list<Pod>('pods');
    const now = story.now();
    return { node, lease, pods, now, clock: nodeClock({ node, lease, pods, settings: story.cluster.settings, now, recorded: story.recorder.snapshot() }) };
  };

  it('shows requests against allocatable on the node card', async () => {
    const { node, pods } = await clockNow();
    const here = pods.filter((p) => p.spec.nodeName === victim).length;
    assert.deepEqual(nodeUsage(node, pods).map((u) => u.text), [`${here * 0.5} / 4 cores`, `${here * 256}Mi / 8Gi`, `${here} / 110 pods`]);
  });

  it('sees a reporting node as not silent, and a silenced one as silent once two renewals are missed', async () => {
    let s = await clockNow();
    assert.equal(isSilent(s.node, s.lease, story.cluster.settings, s.now), false);
    await story.cluster.nodes.silence(victim);
    await story.pass(2 * story.cluster.settings.nodeLeaseRenewPeriodMs + 1000);
    s = await clockNow();
    assert.equal(isSilent(s.node, s.lease, story.cluster.settings, s.now), true);
    assert.equal(s.clock.timeline.spans?.[0]?.kind, 'grace');
    assert.ok(s.clock.timeline.marks.some((m) => m.kind === 'due' && m.at === s.clock.graceEndsAt), 'the end of the grace period is shown as due');
  });

  // The controller starts the grace period at the first check that saw the last renewal (its probe
  // timestamp) and marks the node at the first check after it: up to two periods after the grace.
  it('places the Unknown mark within two checks after the grace period, and knows the checks from then on', async () => {
    const { settings } = story.cluster;
    await story.pass(settings.nodeMonitorGracePeriodMs);
    const { clock } = await clockNow();
    assert.ok(clock.markedAt !== undefined && clock.lastHeardAt !== undefined);
    const silentFor = clock.markedAt - clock.lastHeardAt;
    assert.ok(silentFor > settings.nodeMonitorGracePeriodMs && silentFor <= settings.nodeMonitorGracePeriodMs + 2 * settings.nodeMonitorPeriodMs, `marked after ${silentFor} ms of silence`);
    assert.equal(clock.timeline.checkedAt, clock.markedAt);
  });

  it('counts down each pod on the node to the moment the taint manager marks it for deletion', async () => {
    await story.pass(2 * story.cluster.settings.nodeMonitorPeriodMs);
    const { clock, pods } = await clockNow();
    const onNode = pods.filter((p) => p.spec.nodeName === victim).map((p) => p.metadata.name).sort();
    assert.deepEqual(clock.countdowns.map((c) => c.pod).sort(), onNode);
    const a = clock.countdowns.find((c) => c.pod === 'a')!;
    assert.equal(a.tolerationMs, story.cluster.settings.defaultTolerationSeconds * 1000);
    const picture = drawTimeline(clock.timeline);
    const texts = picture.shapes.flatMap((s) => (s.kind === 'text' ? [s] : []));
    assert.ok(texts.some((t) => t.text.endsWith('evict a')), 'the countdown is drawn');
    texts.forEach((t, i) => texts.slice(i + 1).forEach((u) => assert.ok(!overlaps(t.box, u.box), `"${t.text}" covers "${u.text}"`)));

    await story.pass(a.dueAt! - story.now() + 1000);
    const marked = story.recorder.snapshot().marks.find((m) => m.kind === 'evicted' && m.label === 'a');
    assert.ok(marked, 'pod a was not marked for deletion');
    assert.ok(Math.abs(marked.at - a.dueAt!) <= 1000, `marked at ${marked.at}, the view said ${a.dueAt}`);
  });
});
