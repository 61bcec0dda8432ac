/**
 * The OpenAPI facts hold together, and the conformance check finds what a
 * generated client model would reject.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { definition, definitionOf } from './definition.ts';
import { DEFINITIONS } from './definitions.ts';
import { schemaProblems } from './schema-conformance.ts';

const named = (type: string): string[] => (type.startsWith('[]') ? named(type.slice(2)) : type.startsWith('map[string]') ? named(type.slice(11)) : type.includes('.') ? [type] : []);

test('every type a definition names is itself defined', () => {
  for (const [name, d] of Object.entries(DEFINITIONS)) {
    for (const [field, type] of Object.entries(d.fields ?? {})) for (const ref of named(type)) assert.ok(DEFINITIONS[ref], `${name}.${field} names ${ref}`);
    for (const field of d.required ?? []) assert.ok(d.fields?.[field], `${name} requires ${field}, which it does not have`);
  }
});

test('kinds are found by apiVersion and kind', () => {
  assert.equal(definitionOf('v1', 'Pod'), 'core.v1.Pod');
  assert.equal(definitionOf('coordination.k8s.io/v1', 'Lease'), 'coordination.v1.Lease');
  assert.equal(definitionOf('v1', 'Nope'), undefined);
  assert.deepEqual(definition('core.v1.NodeSystemInfo').required?.slice().sort(), ['architecture', 'bootID', 'containerRuntimeVersion', 'kernelVersion', 'kubeProxyVersion', 'kubeletVersion', 'machineID', 'operatingSystem', 'osImage', 'systemUUID']);
});

test('a missing required field, an unknown field and a wrong type are each reported with their path', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', generation: '1', creationTimestamp: '2024-01-01T00:00:00.5Z' }, spec: { containers: [{ image: 'x', extra: true }] } };
  assert.deepEqual(schemaProblems('core.v1.Pod', pod), [
    'metadata.generation: expected an integer, got string "1"',
    'metadata.creationTimestamp: expected a time, 2006-01-02T15:04:05Z, got string "2024-01-01T00:00:00.5Z"',
    'spec.containers[0].name: required by core.v1.Container, missing',
    'spec.containers[0].extra: not a field of core.v1.Container',
  ]);
  assert.deepEqual(schemaProblems('core.v1.Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: 1 } } }] } }), ['spec.containers[0].resources.requests[cpu]: expected a quantity string, got number 1']);
});
