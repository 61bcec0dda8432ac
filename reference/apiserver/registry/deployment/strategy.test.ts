/** The Deployment's own rules: Kubernetes' defaults, its validation messages, and what an update may not change. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import { deploymentStrategy } from './strategy.ts';

const deployment = (spec: Record<string, unknown> = {}, labels: Record<string, string> = { app: 'web' }): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }, ...spec },
});
const defaulted = (spec: Record<string, unknown> = {}, labels?: Record<string, string>) => {
  const d = deployment(spec, labels);
  deploymentStrategy.defaults(d);
  return d;
};
const messages = (d: KubeObject) => deploymentStrategy.validate(d).map((c) => `${c.field}: ${c.message}`);

describe('defaulting a Deployment (SetDefaults_Deployment)', () => {
  it('gives one replica, a 25 % rolling update, ten old ReplicaSets and a 600 s deadline', () => {
    const { spec } = defaulted() as unknown as { spec: Record<string, unknown> };
    assert.equal(spec.replicas, 1);
    assert.deepEqual(spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    assert.deepEqual([spec.revisionHistoryLimit, spec.progressDeadlineSeconds], [10, 600]);
  });

  it('gives Recreate no rolling-update settings, and the template the pod defaults', () => {
    const { spec } = defaulted({ strategy: { type: 'Recreate' } }) as unknown as { spec: { strategy: unknown; template: { spec: Record<string, unknown> } } };
    assert.deepEqual(spec.strategy, { type: 'Recreate' });
    assert.equal(spec.template.spec.restartPolicy, 'Always');
    assert.equal((spec.template.spec.containers as Array<{ imagePullPolicy: string }>)[0]!.imagePullPolicy, 'IfNotPresent');
  });

  it('drops the null creationTimestamp kubectl sends in the template', () => {
    const d = deployment();
    (d.spec as { template: { metadata: Record<string, unknown> } }).template.metadata.creationTimestamp = null;
    deploymentStrategy.defaults(d);
    assert.deepEqual(messages(d), []);
  });
});

describe('validating a Deployment (ValidateDeploymentSpec)', () => {
  it('accepts the defaults', () => assert.deepEqual(messages(defaulted()), []));

  it('refuses a template its selector does not select, in the ReplicaSet words', () => {
    assert.deepEqual(messages(defaulted({}, { app: 'api' })), ['spec.template.metadata.labels: Invalid value: {"app":"api"}: `selector` does not match template `labels`']);
  });

  it('refuses surge and unavailable both 0, a bad percentage, and more than 100 % unavailable', () => {
    assert.deepEqual(messages(defaulted({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } })), [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0',
    ]);
    assert.deepEqual(messages(defaulted({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'half', maxUnavailable: '120%' } } })), [
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"half\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%',
    ]);
  });

  it('refuses rolling-update settings under Recreate, an unknown strategy, and a restart policy other than Always', () => {
    assert.deepEqual(messages(defaulted({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } })), [
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
    assert.deepEqual(messages(defaulted({ strategy: { type: 'BlueGreen' } })), ['spec.strategy: Unsupported value: {"type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate"']);
    const never = defaulted();
    (never.spec as { template: { spec: { restartPolicy: string } } }).template.spec.restartPolicy = 'Never';
    assert.deepEqual(messages(never), ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  });

  it('refuses negative counts and a progress deadline not past minReadySeconds', () => {
    assert.deepEqual(messages(defaulted({ replicas: -1, minReadySeconds: 30, progressDeadlineSeconds: 30 })), [
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds',
    ]);
  });

  it('reports a container problem under the template', () => {
    const d = defaulted();
    (d.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers.push({ name: 'nginx', image: 'nginx:1.28' });
    assert.deepEqual(messages(d), ['spec.template.spec.containers[1].name: Duplicate value: "nginx"']);
  });
});

describe('updating a Deployment', () => {
  it('may not change its selector', () => {
    const old = defaulted();
    const next = defaulted({ selector: { matchLabels: { app: 'api' } } }, { app: 'api' });
    assert.deepEqual(deploymentStrategy.validateUpdate(next, old).map((c) => `${c.field}: ${c.message}`), ['spec.selector: Invalid value: {"matchLabels":{"app":"api"}}: field is immutable']);
    assert.deepEqual(deploymentStrategy.validateUpdate(defaulted({ replicas: 5 }), old), []);
  });

  it('counts a change of annotations as a new generation, as a change of spec is', () => {
    const old = defaulted();
    const annotated = { ...defaulted(), metadata: { ...old.metadata, annotations: { 'kubernetes.io/change-cause': 'v2' } } };
    assert.equal(deploymentStrategy.bumpsGeneration!(annotated, old), true);
    assert.equal(deploymentStrategy.bumpsGeneration!(defaulted(), old), false);
  });
});
