/** A scenario's needs come from its capability tags and from behaviours that imply one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requiredCapabilities } from './required-capabilities.ts';

test('capability tags are required as written; other tags are not capabilities', () => {
  assert.deepEqual(requiredCapabilities(['virtual-time', 'component:scheduler', 'scheduler.decides-only']), ['virtual-time']);
});

test('a kubelet behaviour needs the implementation\'s own kubelet, once', () => {
  assert.deepEqual(requiredCapabilities(['kubelet.status-stored', 'kubelet.runtime-starts-image', 'store-audit']), ['store-audit', 'kubelet']);
  assert.deepEqual(requiredCapabilities(['kubelet', 'kubelet.reports-pod-state']), ['kubelet']);
});
