/** A request body as Go decodes it into a typed object. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withoutNulls } from './request-reader.ts';

test('a null field is a field left out, at any depth, in objects and in lists', () => {
  assert.deepEqual(withoutNulls({ metadata: { name: 'web', creationTimestamp: null }, spec: { containers: [{ name: 'c', resources: null }] }, status: {} }), {
    metadata: { name: 'web' },
    spec: { containers: [{ name: 'c' }] },
    status: {},
  });
});
