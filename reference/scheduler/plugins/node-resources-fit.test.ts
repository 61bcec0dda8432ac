import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod } from '../framework/fixtures.ts';
import { nodeResourcesFit } from './node-resources-fit.ts';

test('a node with enough free cpu, memory and pod room passes', () => {
  const status = nodeResourcesFit.filter(pod({ cpu: '1', memory: '1Gi' }), node('n', { cpu: '2', memory: '2Gi' }, [{ cpu: '1', memory: '1Gi' }]));
  assert.equal(status.code, 'Success');
});

test('free means allocatable minus what the pods already there request', () => {
  const status = nodeResourcesFit.filter(pod({ cpu: '1' }), node('n', { cpu: '4' }, [{ cpu: '3500m' }]));
  assert.deepEqual([status.code, status.reasons], ['Unschedulable', ['Insufficient cpu']]);
});

test('a pod short of both cpu and memory gets both reasons, cpu first', () => {
  const status = nodeResourcesFit.filter(pod({ memory: '9Gi', cpu: '5' }), node('n', { cpu: '4', memory: '8Gi' }));
  assert.deepEqual(status.reasons, ['Insufficient cpu', 'Insufficient memory']);
  assert.equal(status.plugin, 'NodeResourcesFit');
});

test('one pod more than the node allows is "Too many pods", even for a pod that requests nothing', () => {
  const status = nodeResourcesFit.filter(pod(undefined), node('n', { pods: 2 }, [undefined, undefined]));
  assert.deepEqual(status.reasons, ['Too many pods']);
});

test('filtering uses real requests: a pod with no requests fits a full node', () => {
  const status = nodeResourcesFit.filter(pod(undefined), node('n', { cpu: '1', memory: '1Gi' }, [{ cpu: '1', memory: '1Gi' }]));
  assert.equal(status.code, 'Success');
});

test('an extended resource the node lacks is reported in the same words', () => {
  const status = nodeResourcesFit.filter(pod({ 'nvidia.com/gpu': '1' }), node('n'));
  assert.deepEqual(status.reasons, ['Insufficient nvidia.com/gpu']);
});
