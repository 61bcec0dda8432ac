/**
 * Asking the api-server's authorizers (A2.1): `kubectl auth can-i` posts a
 * SelfSubjectAccessReview about its sender; an administrator may ask about
 * anyone with a SubjectAccessReview. The answer comes in the review's
 * status, from the same authorizer chain that judges real requests.
 */
import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { ResourceAttributes, SubjectAccessReviewStatus } from '../../spec/objects/authorization.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Actor } from '../support/actors.ts';
import type { KubespecWorld } from '../support/world.ts';

/** `create pods`, `get pods/log`, `list deployments.apps`: a verb and a resource as kubectl auth can-i takes them. */
function attributes(verb: string, what: string, namespace?: string): ResourceAttributes {
  const [resourceAndGroup, subresource] = what.split('/') as [string, string?];
  const dot = resourceAndGroup.indexOf('.');
  const [resource, group] = dot < 0 ? [resourceAndGroup, ''] : [resourceAndGroup.slice(0, dot), resourceAndGroup.slice(dot + 1)];
  return { verb, resource, group, ...(subresource ? { subresource } : {}), ...(namespace ? { namespace } : {}) };
}

const selfReview = (attrs: ResourceAttributes) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec: { resourceAttributes: attrs } }) as KubeObject;

When('{actor} asks whether she/he/they can {word} {word} in namespace {string}', async function (this: KubespecWorld, actor: Actor, verb: string, what: string, namespace: string) {
  await this.send(() => this.client(actor).create('selfsubjectaccessreviews', selfReview(attributes(verb, what, namespace))));
});

When('{actor} asks whether she/he/they can {word} {word}', async function (this: KubespecWorld, actor: Actor, verb: string, what: string) {
  await this.send(() => this.client(actor).create('selfsubjectaccessreviews', selfReview(attributes(verb, what))));
});

const reviewOf = (user: string, verb: string, what: string, namespace: string) =>
  ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', metadata: {}, spec: { user, resourceAttributes: attributes(verb, what, namespace) } }) as KubeObject;

When('{actor} asks whether {string} can {word} {word} in namespace {string}', async function (this: KubespecWorld, actor: Actor, user: string, verb: string, what: string, namespace: string) {
  await this.send(() => this.client(actor).create('subjectaccessreviews', reviewOf(user, verb, what, namespace)));
});

When('{actor} tries to ask whether {string} can {word} {word} in namespace {string}', async function (this: KubespecWorld, actor: Actor, user: string, verb: string, what: string, namespace: string) {
  await this.attempt(() => this.client(actor).create('subjectaccessreviews', reviewOf(user, verb, what, namespace)));
});

Then('the answer is {string}', function (this: KubespecWorld, answer: string) {
  assert.equal(this.lastError, undefined, this.lastError?.message);
  const status = (this.notes.recall('answer') as KubeObject & { status?: SubjectAccessReviewStatus }).status;
  assert.equal(status?.allowed ? 'yes' : 'no', answer, JSON.stringify(status));
});
