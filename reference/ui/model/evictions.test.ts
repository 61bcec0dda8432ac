/**
 * The eviction countdown follows the taint manager's rules: the smallest
 * tolerationSeconds of the matching tolerations, at once when a taint is
 * not tolerated, never without seconds; counted from the first NoExecute
 * taint. (node-clock.test.ts checks the countdown against the reference.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node, Taint } from '../../../spec/objects/node.ts';
import type { Pod, Toleration } from '../../../spec/objects/pod.ts';
import { evictionCountdowns } from './evictions.ts';

const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' as const, timeAdded: '2026-01-01T00:01:00Z' };
const notReady = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' as const, timeAdded: '2026-01-01T00:00:30Z' };
const node = (taints: Taint[]): Node => ({ metadata: { name: 'n' }, spec: { taints } });
const pod = (name: string, tolerations: Toleration[]): Pod => ({ metadata: { name, namespace: 'default' }, spec: { nodeName: 'n', containers: [], tolerations } });
const at = (t: { timeAdded?: string }) => Date.parse(t.timeAdded!);

describe('eviction countdowns', () => {
  it('counts each pod\'s smallest matching toleration from the first NoExecute taint', () => {
    const pods = [
      pod('default-300', [{ key: unreachable.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { key: notReady.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]),
      pod('short', [{ operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }]),
      pod('forever', [{ operator: 'Exists' }]),
      pod('untolerated', []),
    ];
    const start = Date.parse(notReady.timeAdded);
    assert.deepEqual(
      evictionCountdowns(node([unreachable, notReady]), pods, at).map((c) => [c.pod, c.tolerationMs, c.startedAt === start ? 'first taint' : c.startedAt, c.dueAt === undefined ? 'never' : c.dueAt - start]),
      [['default-300', 300_000, 'first taint', 300_000], ['short', 10_000, 'first taint', 10_000], ['forever', undefined, 'first taint', 'never'], ['untolerated', 0, 'first taint', 0]],
    );
  });

  it('has nothing to count on a node without NoExecute taints, or for pods elsewhere', () => {
    assert.deepEqual(evictionCountdowns(node([{ key: 'k', effect: 'NoSchedule' }]), [pod('a', [])], at), []);
    assert.deepEqual(evictionCountdowns(node([unreachable]), [{ ...pod('b', []), spec: { nodeName: 'other', containers: [] } }], at), []);
  });
});
