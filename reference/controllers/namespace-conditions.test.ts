/** The conditions a Terminating namespace carries, in Kubernetes' words. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { namespaceConditions, type ContentReport } from './namespace-conditions.ts';

const clean: ContentReport = { remaining: new Map(), finalizers: new Map(), failures: [] };

test('a first pass writes all five conditions, each False with its "all is well" reason', () => {
  const conditions = namespaceConditions([], clean, 't0')!;
  assert.deepEqual(conditions.map((c) => [c.type, c.status, c.reason]), [
    ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered'],
    ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions'],
    ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted'],
    ['NamespaceContentRemaining', 'False', 'ContentRemoved'],
    ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers'],
  ]);
  assert.equal(namespaceConditions(conditions, clean, 't1'), undefined, 'nothing changed, nothing to write');
});

test('content still there, held by finalizers, or that failed to go is said, sorted, and the transition time moves', () => {
  const before = namespaceConditions([], clean, 't0')!;
  const report: ContentReport = { remaining: new Map([['pods.', 2], ['configmaps.', 1]]), finalizers: new Map([['example.com/keep', 1]]), failures: ['b failed', 'a failed'] };
  const after = namespaceConditions(before, report, 't1')!;
  const byType = Object.fromEntries(after.map((c) => [c.type, c]));
  assert.deepEqual([byType.NamespaceContentRemaining!.status, byType.NamespaceContentRemaining!.message, byType.NamespaceContentRemaining!.lastTransitionTime], ['True', 'Some resources are remaining: configmaps. has 1 resource instances, pods. has 2 resource instances', 't1']);
  assert.equal(byType.NamespaceFinalizersRemaining!.message, 'Some content in the namespace has finalizers remaining: example.com/keep in 1 resource instances');
  assert.equal(byType.NamespaceDeletionContentFailure!.message, 'Failed to delete all resource types, 2 remaining: a failed, b failed');
  assert.equal(byType.NamespaceDeletionDiscoveryFailure!.lastTransitionTime, 't0', 'a condition whose status did not change keeps its time');
});
