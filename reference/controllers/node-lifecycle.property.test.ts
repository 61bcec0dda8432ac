/**
 * Properties of the node lifecycle controller, end to end through the API:
 * a node played by the test (as kwok plays one) posts heartbeats on a random
 * schedule; the controller must mark it Unknown exactly at the first check
 * after a gap longer than the grace period, and never otherwise. The oracle
 * below computes those times from the schedule alone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Node } from '../../spec/objects/node.ts';
import { isNotFound, retryOnConflict } from '../../spec/objects/status.ts';
import { ReferenceCluster } from '../cluster.ts';
import type { VirtualClock } from '../runtime/clock.ts';

type NodeObject = Node & KubeObject;
const NUM_RUNS = 100;

/** The whole-second metav1.Time the played kubelet writes; heartbeats in different seconds differ. */
const stamp = (epochMs: number) => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Oracle: heartbeats at `beats` (ms, never on a check instant but the
 * first, at creation), checks at every multiple of `period` from `period`
 * on. A heartbeat is seen at the first check at or after it; if no newer
 * one comes first, the controller acts at the first check strictly later
 * than seen + grace, and marks the node if it is Ready. Only a status post
 * makes the node Ready again; a Lease renewal only moves the probe.
 */
export function expectedMarks(beats: Array<{ at: number; lease: boolean }>, period: number, grace: number, end: number): number[] {
  const marks: number[] = [];
  let ready = true;
  beats.forEach(({ at, lease }, j) => {
    if (!lease) ready = true;
    const seen = Math.max(period, Math.ceil(at / period) * period); // the first check is one period after start
    const due = (Math.floor((seen + grace) / period) + 1) * period;
    const next = beats[j + 1]?.at ?? Infinity;
    if (due < next && due <= end && ready) {
      marks.push(due);
      ready = false;
    }
  });
  return marks;
}

/** A Lease renewal: the other heartbeat the controller watches. */
async function renewLease(cluster: ReferenceCluster, name: string, atEpochMs: number): Promise<void> {
  const admin = cluster.client();
  const spec = { holderIdentity: name, leaseDurationSeconds: 40, renewTime: new Date(atEpochMs).toISOString().replace(/Z$/, '000Z') };
  const ns = { namespace: 'kube-node-lease' };
  try {
    const lease = await admin.get('leases', name, ns);
    await admin.update('leases', { ...lease, spec }, ns);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await admin.create('leases', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-node-lease' }, spec }, ns);
  }
}

async function playedNode(cluster: ReferenceCluster, name: string): Promise<(atEpochMs: number) => Promise<void>> {
  const admin = cluster.client();
  const ready = (at: string) => ({ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: at, lastTransitionTime: at });
  const created = await admin.create<NodeObject>('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { conditions: [ready(stamp(Date.parse(cluster.clock.timestamp())))] } });
  assert.ok(created.metadata.uid);
  return (atEpochMs) =>
    retryOnConflict(async () => {
      const node = await admin.get<NodeObject>('nodes', name);
      await admin.update('nodes', { ...node, status: { ...node.status, conditions: [ready(stamp(atEpochMs))] } }, { subresource: 'status' });
    });
}

test('a node is marked Unknown exactly at the first check after a gap longer than the grace period, never earlier', async (t) => {
  let gapsChecked = 0;
  let marksSeen = 0;
  let leases = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 5 }).map((s) => s * 1000),
      fc.integer({ min: 2, max: 12 }),
      fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      async (period, graceInPeriods, gapSeconds, byLease) => {
        // Grace need not be a multiple of the period: add a few odd seconds to it.
        const grace = graceInPeriods * period + (gapSeconds[0]! % 3) * 1000;
        const cluster = await new ReferenceCluster({ settings: { nodeMonitorPeriodMs: period, nodeMonitorGracePeriodMs: grace } }).start();
        try {
          const clock = cluster.clock as VirtualClock;
          const epoch = Date.parse(clock.microTimestamp()) - clock.now();
          const beat = await playedNode(cluster, 'played');
          const marks: number[] = [];
          const admin = cluster.client();
          let last = 'True';
          const watch = await admin.watch<NodeObject>('nodes', {}, (e) => {
            const ready = e.object.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'True';
            if (ready === 'Unknown' && last !== 'Unknown') marks.push(clock.now());
            last = ready;
          });
          // Heartbeats half a second off the second, so never on a check instant; the first is the creation.
          // Each heartbeat is either a status post or a Lease renewal: either one moves the probe.
          const beats = [{ at: 0, lease: false }];
          for (const [i, g] of gapSeconds.entries()) beats.push({ at: beats[beats.length - 1]!.at + g * 1000 + (i === 0 ? 500 : 0), lease: byLease[i]! });
          for (const { at, lease } of beats.slice(1)) {
            await clock.advance(at - clock.now());
            if (lease) await renewLease(cluster, 'played', epoch + at);
            else await beat(epoch + at);
            leases += lease ? 1 : 0;
          }
          const end = beats[beats.length - 1]!.at + grace + 3 * period;
          await clock.advance(end - clock.now());
          watch.stop();
          const expected = expectedMarks(beats, period, grace, end);
          gapsChecked += beats.length;
          marksSeen += marks.length;
          assert.deepEqual(marks, expected, `period ${period}, grace ${grace}, heartbeats ${beats.map((b) => `${b.at}${b.lease ? ' (lease)' : ''}`).join(', ')}`);
          assert.deepEqual(cluster.work.errors, []);
        } finally {
          await cluster.stop();
        }
      },
    ),
    { numRuns: NUM_RUNS },
  );
  t.diagnostic(`numRuns ${NUM_RUNS}: ${gapsChecked} heartbeat gaps checked (${leases} of them ended by a Lease renewal), ${marksSeen} Unknown marks, each at the oracle's check`);
});

test('the oracle itself: still Ready at grace, marked at the next check (the note\'s 5 s / 40 s)', () => {
  // Heartbeat at 10.5 s, seen at the 15 s check; 15 + 40 = 55 is not later than 55, so the mark is at 60.
  assert.deepEqual(expectedMarks([{ at: 10_500, lease: false }], 5000, 40_000, 100_000), [60_000]);
  assert.deepEqual(expectedMarks([{ at: 10_500, lease: false }, { at: 50_500, lease: false }], 5000, 40_000, 120_000), [100_000]);
  // Marked at 60 s; a Lease renewal at 70.5 s does not make it Ready again, so nothing more to mark.
  assert.deepEqual(expectedMarks([{ at: 10_500, lease: false }, { at: 70_500, lease: true }], 5000, 40_000, 200_000), [60_000]);
});

test('a zone whose last node left and then came back is watched as a new one, not as a cluster leaving an outage', async () => {
  const [period, grace] = [1000, 4000];
  const cluster = await new ReferenceCluster({ settings: { nodeMonitorPeriodMs: period, nodeMonitorGracePeriodMs: grace } }).start();
  try {
    const clock = cluster.clock as VirtualClock;
    const ready = async () => (await cluster.client().get<NodeObject>('nodes', 'played')).status?.conditions?.find((c) => c.type === 'Ready')?.status;
    await playedNode(cluster, 'played');
    await clock.advance(2 * period);
    await cluster.client().delete('nodes', 'played');
    // A check with no node at all: the controller forgets the zone.
    await clock.advance(2 * period);
    await playedNode(cluster, 'played');
    await clock.advance(grace + 2 * period);
    assert.equal(await ready(), 'Unknown');
  } finally {
    await cluster.stop();
  }
});
