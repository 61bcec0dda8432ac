/** The PodDisruptionBudget's own rules: a count or a percentage, never both bounds, and a status the server owns. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import { VirtualClock } from '../../../runtime/clock.ts';
import { seededRandom } from '../../../runtime/random.ts';
import { podDisruptionBudgetStrategy as strategy } from './strategy.ts';

const budget = (spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec }, ...(status ? { status } : {}),
});
const messages = (obj: KubeObject) => strategy.validate(obj).map((c) => `${c.field}: ${c.message}`);

describe('validating a PodDisruptionBudget (ValidatePodDisruptionBudgetSpec)', () => {
  it('accepts a count or a percentage for either bound', () => {
    for (const spec of [{ minAvailable: 2 }, { minAvailable: '50%' }, { maxUnavailable: 0 }, { maxUnavailable: '100%' }, {}]) assert.deepEqual(messages(budget(spec)), [], JSON.stringify(spec));
  });

  it('refuses both bounds at once, printing the spec as Kubernetes does', () => {
    assert.deepEqual(messages(budget({ minAvailable: 1, maxUnavailable: 1 })), [
      'spec: Invalid value: {"selector":{"matchLabels":{"app":"web"}},"minAvailable":1,"maxUnavailable":1}: minAvailable and maxUnavailable cannot be both set',
    ]);
  });

  it('refuses a negative count, a string that is no percentage, and more than 100%', () => {
    assert.deepEqual(messages(budget({ minAvailable: -1 })), ['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']);
    assert.deepEqual(messages(budget({ maxUnavailable: 'half' })), [
      `spec.maxUnavailable: Invalid value: "half": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
    ]);
    assert.deepEqual(messages(budget({ minAvailable: '150%' })), ['spec.minAvailable: Invalid value: "150%": must not be greater than 100%']);
  });

  it('refuses an unknown unhealthy-pod eviction policy and a selector that does not parse', () => {
    assert.deepEqual(messages(budget({ unhealthyPodEvictionPolicy: 'Sometimes' })), ['spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"']);
    assert.deepEqual(messages(budget({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } })), [
      `spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"In","values":[]}]}: for 'in', 'notin' operators, values set can't be empty`,
    ]);
  });

  it('refuses a status with a count below zero', () => {
    assert.deepEqual(messages(budget({ minAvailable: 1 }, { disruptionsAllowed: -1 })), ['status.disruptionsAllowed: Invalid value: -1: must be greater than or equal to 0']);
  });
});

describe("the budget's status belongs to the server", () => {
  it('starts empty whatever the client sent, and an update of the budget keeps it', () => {
    const created = budget({ minAvailable: 1 }, { disruptionsAllowed: 9 });
    strategy.prepareForCreate(created, { clock: new VirtualClock(), random: seededRandom(1) });
    assert.deepEqual(created.status, { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
    const updated = budget({ minAvailable: 2 }, { disruptionsAllowed: 5 });
    strategy.prepareForUpdate(updated, budget({ minAvailable: 1 }, { disruptionsAllowed: 1 }));
    assert.deepEqual(updated.status, { disruptionsAllowed: 1 });
  });

  it('is written through poddisruptionbudgets/status', () => {
    assert.deepEqual(Object.keys(strategy.subresources), ['status']);
  });
});
