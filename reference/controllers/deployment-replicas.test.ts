/** The arithmetic of a rollout, with Kubernetes' rounding: surge up, unavailability down. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IntOrString } from '../../spec/objects/deployment.ts';
import { maxSurge, maxUnavailable, newRSNewReplicas, replicaSetProportion, resolveFenceposts, type DeploymentObject, type ReplicaSetObject } from './deployment-replicas.ts';

const deployment = (replicas: number, surge: IntOrString, unavailable: IntOrString, statusReplicas = 0): DeploymentObject => ({
  metadata: { name: 'web' },
  spec: { replicas, selector: {}, template: { spec: { containers: [] } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } },
  status: { replicas: statusReplicas },
});
const rs = (replicas: number, maxReplicas?: number): ReplicaSetObject => ({
  metadata: { name: `rs-${replicas}`, annotations: maxReplicas === undefined ? {} : { 'deployment.kubernetes.io/max-replicas': String(maxReplicas) } },
  spec: { replicas, selector: {}, template: { spec: { containers: [] } } },
});

describe('maxSurge and maxUnavailable (ResolveFenceposts)', () => {
  it('rounds a percentage of surge up and of unavailability down', () => {
    assert.deepEqual(resolveFenceposts('25%', '25%', 10), [3, 2]);
    assert.deepEqual(resolveFenceposts('25%', '25%', 3), [1, 0]);
    assert.deepEqual(resolveFenceposts(2, '50%', 5), [2, 2]);
  });

  it('never leaves both at 0: a rollout must be able to move, so one pod may be unavailable', () => {
    assert.deepEqual(resolveFenceposts('10%', '10%', 1), [1, 0]);
    assert.deepEqual(resolveFenceposts(0, '10%', 5), [0, 1]);
  });

  it('caps unavailability at the replicas and has none for an empty Deployment or Recreate', () => {
    assert.equal(maxUnavailable(deployment(2, 0, 5)), 2);
    assert.equal(maxUnavailable(deployment(0, 1, 1)), 0);
    const recreate = { ...deployment(4, 1, 1), spec: { ...deployment(4, 1, 1).spec, strategy: { type: 'Recreate' } } };
    assert.deepEqual([maxSurge(recreate), maxUnavailable(recreate)], [0, 0]);
  });
});

describe('how far the new ReplicaSet may grow (NewRSNewReplicas)', () => {
  it('up to replicas + maxSurge pods in all, and never past replicas', () => {
    const d = deployment(4, 1, 1);
    assert.equal(newRSNewReplicas(d, [rs(4), rs(0)], rs(0)), 1);
    assert.equal(newRSNewReplicas(d, [rs(3), rs(1)], rs(1)), 2);
    assert.equal(newRSNewReplicas(d, [rs(5), rs(0)], rs(0)), 0);
    assert.equal(newRSNewReplicas(d, [rs(0), rs(3)], rs(3)), 4);
  });
});

describe('a scaling event in the middle of a rollout (GetReplicaSetProportion)', () => {
  it('shares the added replicas by size against the size before (the max-replicas annotation), rounding half away from zero', () => {
    // 10 -> 20 replicas with 25 % surge: max 13 -> 25. A ReplicaSet of 6 of the old 13 grows by round(6 * 25 / 13) - 6 = 6.
    const d = deployment(20, '25%', '25%');
    assert.equal(replicaSetProportion(rs(6, 13), d, 12, 0), 6);
    assert.equal(replicaSetProportion(rs(6, 13), d, 12, 10), 2, 'never more than is left to add');
    assert.equal(replicaSetProportion(rs(0, 13), d, 12, 0), 0, 'an empty ReplicaSet gets none');
  });

  it('takes all pods away when the Deployment goes to 0', () => {
    assert.equal(replicaSetProportion(rs(4, 13), deployment(0, '25%', '25%'), -10, 0), -4);
  });
});
