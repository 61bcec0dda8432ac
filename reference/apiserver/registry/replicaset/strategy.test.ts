/** The ReplicaSet's own rules: a selector that selects its template's pods, and its size as a Scale. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import type { ReplicaSet } from '../../../../spec/objects/replicaset.ts';
import { scaleOf } from './scale.ts';
import { replicaSetStrategy } from './strategy.ts';

const replicaSet = (selector: unknown, labels: Record<string, string> | undefined = { app: 'web' }): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: 'u-1', resourceVersion: '7' },
  spec: { replicas: 3, selector, template: { metadata: labels ? { labels } : {}, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
});
const messages = (obj: KubeObject) => replicaSetStrategy.validate(obj).map((c) => `${c.field}: ${c.message}`);

describe('validating a ReplicaSet (ValidateReplicaSetSpec)', () => {
  it('accepts a selector that selects the pods its template makes', () => {
    assert.deepEqual(messages(replicaSet({ matchLabels: { app: 'web' } })), []);
    assert.deepEqual(messages(replicaSet({ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] })), []);
  });

  it('refuses a selector that does not select its own template, printing the labels as Kubernetes does', () => {
    assert.deepEqual(messages(replicaSet({ matchLabels: { app: 'db' } }, { app: 'web', tier: 'front' })), [
      'spec.template.metadata.labels: Invalid value: {"app":"web","tier":"front"}: `selector` does not match template `labels`',
    ]);
  });

  it('refuses an empty selector', () => {
    assert.deepEqual(messages(replicaSet({})), [
      'spec.selector: Invalid value: {}: empty selector is invalid for deployment',
    ]);
  });

  it('refuses expressions whose values do not fit their operator', () => {
    const selector = { matchExpressions: [{ key: 'app', operator: 'In', values: [] }, { key: 'tier', operator: 'Exists', values: ['x'] }] };
    assert.deepEqual(messages(replicaSet(selector)), [
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"In"},{"key":"tier","operator":"Exists","values":["x"]}]}: invalid label selector',
    ]);
  });

  it('reports a selector of the wrong shape once, as the schema sees it', () => {
    assert.deepEqual(messages(replicaSet('app=web')).map((m) => m.split(':')[0]), ['spec.selector']);
  });
});

describe('a ReplicaSet as a Scale (replicasets/scale)', () => {
  it('carries the wanted and counted sizes, the identity, and the selector in its string form', () => {
    const rs = { ...replicaSet({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] }), status: { replicas: 2 } };
    assert.deepEqual(scaleOf(rs as ReplicaSet & KubeObject), {
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name: 'web', namespace: 'default', uid: 'u-1', resourceVersion: '7', creationTimestamp: undefined },
      spec: { replicas: 3 },
      status: { replicas: 2, selector: 'app=web,tier notin (db)' },
    });
  });
});
