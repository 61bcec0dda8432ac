/**
 * Access reviews (pkg/registry/authorization): "may this user do this?"
 * put to the api-server's own authorizers, answered in `status` and never
 * stored. A SelfSubjectAccessReview asks about whoever sends it (what
 * `kubectl auth can-i` posts, impersonated with --as); a
 * SubjectAccessReview names the user and groups, and only someone allowed
 * to create one may ask about others.
 */
import type { TSchema } from '@sinclair/typebox';
import { SelfSubjectAccessReview, SubjectAccessReview, type ResourceAttributes, type SubjectAccessReviewStatus } from '../../../../spec/objects/authorization.ts';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import type { StatusCause } from '../../../../spec/objects/status.ts';
import type { UserInfo } from '../../authentication/authentication.ts';
import type { Attributes, Authorizer } from '../../authorization/authorization.ts';
import { RESOURCES, type ResourceInfo } from '../resources.ts';
import type { Strategy } from '../strategy.ts';
import { goJson, invalidValue, schemaCauses } from '../validation.ts';

/** Who answers: the authorizer chain for resources, and for non-resource URLs (/healthz, /api) the one rule this reference models. */
export interface ReviewAuthority {
  authorizer: Authorizer;
  /** Non-resource URLs: only the privileged group may reach every one (RBAC here models no nonResourceURLs rules). */
  nonResourceAllowed(user: UserInfo): boolean;
}

type Review = (SelfSubjectAccessReview | SubjectAccessReview) & KubeObject;

/** The resource a review names, served or not: the authorizers look only at its name and group. */
function resourceNamed(attrs: ResourceAttributes): ResourceInfo {
  const group = attrs.group ?? '';
  const served = RESOURCES.get(attrs.resource ?? '');
  if (served && served.group === group) return served;
  return { resource: attrs.resource ?? '', kind: '', group, version: attrs.version ?? '', namespaced: Boolean(attrs.namespace), storagePrefix: '', subresources: [], shortNames: [] };
}

/** authorizationutil.ResourceAttributesFrom. */
function attributesOf(user: UserInfo, attrs: ResourceAttributes): Attributes {
  return {
    user,
    verb: attrs.verb ?? '',
    resource: resourceNamed(attrs),
    ...(attrs.subresource ? { subresource: attrs.subresource } : {}),
    ...(attrs.namespace ? { namespace: attrs.namespace } : {}),
    ...(attrs.name ? { name: attrs.name } : {}),
  };
}

/** ValidateSubjectAccessReviewSpec's union rule: exactly one kind of attributes. */
function unionCauses(review: Review): StatusCause[] {
  const { resourceAttributes, nonResourceAttributes } = review.spec;
  if ((resourceAttributes === undefined) === (nonResourceAttributes === undefined)) {
    return [invalidValue('spec', goJson(nonResourceAttributes ?? null), 'exactly one of nonResourceAttributes or resourceAttributes must be specified')];
  }
  return [];
}

async function answer(authority: ReviewAuthority, review: Review, user: UserInfo): Promise<KubeObject> {
  const { resourceAttributes } = review.spec;
  let status: SubjectAccessReviewStatus;
  if (resourceAttributes) {
    const decision = await authority.authorizer.authorize(attributesOf(user, resourceAttributes));
    status = { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) };
  } else {
    status = { allowed: authority.nonResourceAllowed(user) };
  }
  return { ...review, metadata: { ...review.metadata }, status } as KubeObject;
}

function reviewStrategy(schema: TSchema, extraCauses: (review: Review) => StatusCause[], subject: (review: Review, sender: UserInfo) => UserInfo, authority: ReviewAuthority): Strategy {
  return {
    defaults() {},
    prepareForCreate() {},
    prepareForUpdate() {},
    validate(obj) {
      const shape = schemaCauses(schema, obj);
      return shape.length ? shape : [...unionCauses(obj as Review), ...extraCauses(obj as Review)];
    },
    validateUpdate: () => [],
    answerCreate: (obj, sender) => answer(authority, obj as Review, subject(obj as Review, sender)),
    subresources: {},
  };
}

/** About the sender, as the api-server authenticated (and impersonated) them. */
export const selfSubjectAccessReviewStrategy = (authority: ReviewAuthority): Strategy =>
  reviewStrategy(SelfSubjectAccessReview, () => [], (_review, sender) => sender, authority);

/** About the user and groups the review names, exactly as named. */
export const subjectAccessReviewStrategy = (authority: ReviewAuthority): Strategy =>
  reviewStrategy(
    SubjectAccessReview,
    (review) => {
      const spec = (review as SubjectAccessReview).spec;
      return !spec.user && !(spec.groups ?? []).length ? [invalidValue('spec.user', '""', 'at least one of user or group must be specified')] : [];
    },
    (review) => {
      const spec = (review as SubjectAccessReview).spec;
      return { name: spec.user ?? '', groups: spec.groups ?? [] };
    },
    authority,
  );
