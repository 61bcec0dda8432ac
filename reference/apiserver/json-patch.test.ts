/** JSON patch (RFC 6902) as kubectl rollout undo sends it, and its refusals in the api-server's words. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStatusError } from '../../spec/objects/status.ts';
import { applyJsonPatch } from './json-patch.ts';

const deployment = { metadata: { annotations: { 'deployment.kubernetes.io/revision': '2', note: 'x' } }, spec: { replicas: 3, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } };

const refusal = (patch: unknown) => {
  try {
    applyJsonPatch(deployment, patch);
  } catch (e) {
    if (isStatusError(e)) return [e.code, e.reason, e.message];
    throw e;
  }
  return assert.fail('the patch applied');
};

describe('JSON patch', () => {
  it('replaces a template and the annotations, as rollout undo does, leaving the original untouched', () => {
    const old = { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
    const patched = applyJsonPatch(deployment, [
      { op: 'replace', path: '/spec/template', value: old },
      { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '2' } },
    ]) as typeof deployment;
    assert.deepEqual(patched.spec.template, old);
    assert.deepEqual(patched.metadata.annotations, { 'deployment.kubernetes.io/revision': '2' });
    assert.equal(deployment.spec.template.spec.containers[0]!.image, 'nginx:1.28');
  });

  it('adds, removes, moves, copies and tests, with ~1 standing for a slash', () => {
    const patched = applyJsonPatch(deployment, [
      { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'sidecar', image: 'busybox' } },
      { op: 'test', path: '/spec/replicas', value: 3 },
      { op: 'remove', path: '/metadata/annotations/deployment.kubernetes.io~1revision' },
      { op: 'copy', from: '/spec/replicas', path: '/spec/minReadySeconds' },
      { op: 'move', from: '/metadata/annotations/note', path: '/metadata/annotations/moved' },
    ]) as { metadata: unknown; spec: { minReadySeconds: number; template: { spec: { containers: Array<{ name: string }> } } } };
    assert.deepEqual(patched.spec.template.spec.containers.map((c) => c.name), ['nginx', 'sidecar']);
    assert.deepEqual(patched.metadata, { annotations: { moved: 'x' } });
    assert.equal(patched.spec.minReadySeconds, 3);
  });

  it('refuses a malformed patch with 400 and one that does not apply with 422', () => {
    assert.deepEqual(refusal({ op: 'replace' }), [400, 'BadRequest', 'json patch: the patch must be a list of operations']);
    assert.deepEqual(refusal([{ op: 'frobnicate', path: '/spec' }]), [400, 'BadRequest', 'json patch: unexpected operation "frobnicate"']);
    assert.deepEqual(refusal([{ op: 'replace', path: '/spec/paused', value: true }]), [422, 'Invalid', 'replace operation does not apply: doc is missing path: "/spec/paused"']);
    assert.deepEqual(refusal([{ op: 'test', path: '/spec/replicas', value: 4 }]), [422, 'Invalid', 'testing value /spec/replicas failed: test failed']);
  });
});
