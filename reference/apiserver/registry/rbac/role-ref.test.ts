/**
 * A binding's roleRef as kube-apiserver defaults and validates it: no
 * roleRef is an empty one, whose apiGroup is filled in and whose kind and
 * name are each refused; a ClusterRoleBinding names only a ClusterRole.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import { clusterRoleBindingStrategy, roleBindingStrategy } from './strategy.ts';

const binding = (roleRef?: unknown): KubeObject =>
  ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: 'default' }, subjects: [{ kind: 'User', name: 'alice' }], ...(roleRef === undefined ? {} : { roleRef }) }) as unknown as KubeObject;

const causesOf = (strategy: typeof roleBindingStrategy, obj: KubeObject) => {
  strategy.defaults(obj);
  return strategy.validate(obj).map((c) => [c.field, c.type, c.message]);
};

test('a binding without a roleRef: its apiGroup is defaulted, kind and name are refused, roleRef itself is not', () => {
  const obj = binding();
  assert.deepEqual(causesOf(roleBindingStrategy, obj), [
    ['roleRef.kind', 'FieldValueNotSupported', 'Unsupported value: "": supported values: "Role", "ClusterRole"'],
    ['roleRef.name', 'FieldValueRequired', 'Required value'],
  ]);
  assert.deepEqual((obj as unknown as { roleRef: unknown }).roleRef, { apiGroup: 'rbac.authorization.k8s.io' });
});

test('a roleRef in another API group is refused by its apiGroup', () => {
  assert.deepEqual(causesOf(roleBindingStrategy, binding({ apiGroup: 'example.com', kind: 'Role', name: 'r' })), [
    ['roleRef.apiGroup', 'FieldValueNotSupported', 'Unsupported value: "example.com": supported values: "rbac.authorization.k8s.io"'],
  ]);
});

test('a ClusterRoleBinding may name only a ClusterRole', () => {
  const obj = { ...binding({ kind: 'Role', name: 'r' }), kind: 'ClusterRoleBinding', metadata: { name: 'b' } } as KubeObject;
  assert.deepEqual(causesOf(clusterRoleBindingStrategy, obj), [['roleRef.kind', 'FieldValueNotSupported', 'Unsupported value: "Role": supported values: "ClusterRole"']]);
});

test('a whole roleRef is accepted; one that is not an object is left to the schema', () => {
  assert.deepEqual(causesOf(roleBindingStrategy, binding({ kind: 'ClusterRole', name: 'edit' })), []);
  assert.deepEqual(causesOf(roleBindingStrategy, binding('edit')).map(([field]) => field), ['roleRef']);
});
