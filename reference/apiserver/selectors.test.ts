/** Field selectors as kubectl sends them: several terms, escaped values, and only the fields a kind can be selected on. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { isStatusError } from '../../spec/objects/status.ts';
import { fieldSelector } from './selectors.ts';

const event = (about: Record<string, string>, reason = 'Started') => ({ metadata: { name: 'e' }, involvedObject: about, reason }) as unknown as KubeObject;

test('every term must hold; an empty value selects the empty field (a node event has no namespace)', () => {
  const describeNode = fieldSelector('events', 'involvedObject.kind=Node,involvedObject.name=worker-1,involvedObject.namespace=,involvedObject.uid=worker-1');
  assert.equal(describeNode(event({ kind: 'Node', name: 'worker-1', uid: 'worker-1' })), true);
  assert.equal(describeNode(event({ kind: 'Node', name: 'worker-1', namespace: 'default', uid: 'worker-1' })), false);
});

test('a value may carry an escaped comma or equals sign (fields.EscapeValue)', () => {
  const select = fieldSelector('events', String.raw`involvedObject.name=a\,b\=c,reason!=Killing`);
  assert.equal(select(event({ name: 'a,b=c' })), true);
  assert.equal(select(event({ name: 'a,b=c' }, 'Killing')), false);
});

test('a field the kind cannot be selected on is a 400 in Kubernetes words', () => {
  try {
    fieldSelector('events', 'message=Started');
    assert.fail('accepted');
  } catch (e) {
    assert.ok(isStatusError(e));
    assert.deepEqual([e.status.code, e.status.message], [400, 'field label not supported: message']);
  }
});
