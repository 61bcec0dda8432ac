/** Access reviews against an api-server alone: answered by its authorizers, refused when malformed, never stored. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../../../../spec/adapter.ts';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import { ReferenceCluster } from '../../../cluster.ts';
import { refusal } from '../refusal.ts';

let cluster: ReferenceCluster;
let admin: ApiClient;

before(async () => {
  cluster = new ReferenceCluster();
  await cluster.apiserver.start();
  admin = cluster.client();
  await admin.create('rolebindings', {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'alice-view' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
  } as KubeObject, { namespace: 'default' });
  await cluster.settle();
});
after(() => cluster.stop());

const self = (spec: Record<string, unknown>) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec }) as KubeObject;
const allowed = (answer: KubeObject) => (answer.status as { allowed: boolean }).allowed;

describe('a SelfSubjectAccessReview', () => {
  const alice = () => cluster.client({ user: 'alice' });

  it("answers about its sender, with the sender's roles, and echoes the question", async () => {
    const answer = await alice().create('selfsubjectaccessreviews', self({ resourceAttributes: { namespace: 'default', verb: 'list', resource: 'pods' } }));
    assert.equal(allowed(answer), true);
    assert.deepEqual(answer.spec, { resourceAttributes: { namespace: 'default', verb: 'list', resource: 'pods' } });
    assert.equal(allowed(await alice().create('selfsubjectaccessreviews', self({ resourceAttributes: { namespace: 'default', verb: 'delete', resource: 'pods' } }))), false);
    assert.equal(allowed(await alice().create('selfsubjectaccessreviews', self({ resourceAttributes: { namespace: 'kube-system', verb: 'list', resource: 'pods' } }))), false);
  });

  it('answers for resources the api-server does not serve, by name and group', async () => {
    assert.equal(allowed(await admin.create('selfsubjectaccessreviews', self({ resourceAttributes: { verb: 'get', group: 'example.com', resource: 'widgets' } }))), true);
    assert.equal(allowed(await alice().create('selfsubjectaccessreviews', self({ resourceAttributes: { verb: 'get', group: 'example.com', resource: 'widgets', namespace: 'default' } }))), false);
  });

  it('answers non-resource URLs for the privileged group only', async () => {
    assert.equal(allowed(await admin.create('selfsubjectaccessreviews', self({ nonResourceAttributes: { path: '/healthz', verb: 'get' } }))), true);
    assert.equal(allowed(await alice().create('selfsubjectaccessreviews', self({ nonResourceAttributes: { path: '/healthz', verb: 'get' } }))), false);
  });

  it('must ask about exactly one of resources and non-resource URLs', async () => {
    const e = await refusal(admin.create('selfsubjectaccessreviews', self({})));
    assert.deepEqual([e.code, e.message], [422, 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified']);
  });

  it('is only ever created: it cannot be listed', async () => {
    const e = await refusal(admin.list('selfsubjectaccessreviews'));
    assert.deepEqual([e.code, e.reason], [405, 'MethodNotAllowed']);
  });
});

describe('a SubjectAccessReview', () => {
  const review = (spec: Record<string, unknown>) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', metadata: {}, spec }) as KubeObject;

  it('answers about the user and groups it names, exactly as named', async () => {
    assert.equal(allowed(await admin.create('subjectaccessreviews', review({ user: 'alice', resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } }))), true);
    assert.equal(allowed(await admin.create('subjectaccessreviews', review({ user: 'bob', groups: ['system:masters'], resourceAttributes: { verb: 'delete', resource: 'nodes' } }))), true);
  });

  it('must name a user or a group', async () => {
    const e = await refusal(admin.create('subjectaccessreviews', review({ resourceAttributes: { verb: 'get', resource: 'pods' } })));
    assert.equal(e.message, 'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified');
  });
});
