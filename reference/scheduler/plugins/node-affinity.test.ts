/**
 * NodeAffinity: a pod's nodeSelector and required node affinity against a
 * node's labels, in Kubernetes' words; and, over random labels and
 * selectors, the same verdicts as an oracle built from the label-selector
 * code every other selector in the cluster uses.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Node } from '../../../spec/objects/node.ts';
import type { NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../../spec/objects/pod.ts';
import { Selector, selectorFromSet, type Requirement } from '../../api/label-selector.ts';
import { nodeInfoOf } from '../framework/node-info.ts';
import { podInfo } from '../framework/pod-info.ts';
import { nodeAffinity } from './node-affinity.ts';

const node = (name: string, labels: Record<string, string> = {}): Node => ({ metadata: { name, labels }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: 110 } } });
const pod = (spec: Partial<Pod['spec']>): Pod => ({ metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...spec } });
const required = (...nodeSelectorTerms: NodeSelectorTerm[]): Partial<Pod['spec']> => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } } });
const verdict = (p: Pod, n: Node) => {
  const s = nodeAffinity.filter(podInfo(p), nodeInfoOf(n));
  return s.code === 'Success' ? 'fits' : `${s.code}: ${s.reasons.join('; ')}`;
};
const NO = "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector";

describe('NodeAffinity', () => {
  it('lets any node through for a pod that asks nothing of its node', () => {
    assert.equal(verdict(pod({}), node('n')), 'fits');
  });

  it('keeps a pod with nodeSelector disk=ssd off a node without that label, in Kubernetes\' words', () => {
    const ssd = pod({ nodeSelector: { disk: 'ssd' } });
    assert.equal(verdict(ssd, node('fast', { disk: 'ssd', zone: 'a' })), 'fits');
    assert.equal(verdict(ssd, node('slow', { disk: 'hdd' })), NO);
    assert.equal(verdict(ssd, node('bare')), NO);
  });

  it('needs one of the required terms to hold, and every requirement of that term', () => {
    const p = pod(required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }, { key: 'gpu', operator: 'DoesNotExist' }] }, { matchExpressions: [{ key: 'cpus', operator: 'Gt', values: ['8'] }] }));
    assert.equal(verdict(p, node('n', { zone: 'b' })), 'fits');
    assert.equal(verdict(p, node('n', { zone: 'b', gpu: 'yes' })), NO);
    assert.equal(verdict(p, node('n', { zone: 'c', cpus: '16' })), 'fits');
    assert.equal(verdict(p, node('n', { zone: 'c', cpus: '8' })), NO);
    assert.equal(verdict(p, node('n', { zone: 'c', cpus: 'many' })), NO);
  });

  it('treats NotIn as holding where the label is absent, and Lt as needing a whole number', () => {
    assert.equal(verdict(pod(required({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] })), node('n')), 'fits');
    assert.equal(verdict(pod(required({ matchExpressions: [{ key: 'gen', operator: 'Lt', values: ['3'] }] })), node('n', { gen: '2' })), 'fits');
    assert.equal(verdict(pod(required({ matchExpressions: [{ key: 'gen', operator: 'Lt', values: ['3'] }] })), node('n')), NO);
  });

  it('matches node names through matchFields, and an empty term matches no node', () => {
    assert.equal(verdict(pod(required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-2'] }] })), node('worker-2')), 'fits');
    assert.equal(verdict(pod(required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-2'] }] })), node('worker-1')), NO);
    assert.equal(verdict(pod(required({})), node('n', { any: 'x' })), NO);
  });

  it('needs both nodeSelector and the required terms when a pod has both', () => {
    const p = pod({ nodeSelector: { disk: 'ssd' }, ...required({ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }) });
    assert.equal(verdict(p, node('n', { disk: 'ssd', zone: 'a' })), 'fits');
    assert.equal(verdict(p, node('n', { disk: 'ssd' })), NO);
    assert.equal(verdict(p, node('n', { zone: 'a' })), NO);
  });
});

// The oracle: In/NotIn/Exists/DoesNotExist as the cluster's label selectors evaluate them, Gt/Lt with plain numbers.
const LABEL_OPS: Record<string, Requirement['operator']> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };
function oracleRequirement(r: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  if (r.operator === 'Gt' || r.operator === 'Lt') {
    const [mine, bound] = [labels[r.key], r.values?.[0]];
    if (mine === undefined || bound === undefined || !/^\d+$/.test(mine) || !/^\d+$/.test(bound)) return false;
    return r.operator === 'Gt' ? Number(mine) > Number(bound) : Number(mine) < Number(bound);
  }
  return Selector.of([{ key: r.key, operator: LABEL_OPS[r.operator]!, values: [...(r.values ?? [])].sort() }]).matches(labels);
}
function oracle(p: Pod, labels: Record<string, string>): boolean {
  if (!selectorFromSet(p.spec.nodeSelector).matches(labels)) return false;
  const terms = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return terms === undefined || terms.some((t) => (t.matchExpressions ?? []).length > 0 && (t.matchExpressions ?? []).every((r) => oracleRequirement(r, labels)));
}

const keys = fc.constantFrom('disk', 'zone', 'cpus');
const values = fc.constantFrom('ssd', 'hdd', 'a', '4', '16');
const labelsArb = fc.dictionary(keys, values, { maxKeys: 3 });
/** Only well-formed requirements: a malformed one is the api-server's to refuse. */
const requirement: fc.Arbitrary<NodeSelectorRequirement> = fc.oneof(
  fc.record({ key: keys, operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.uniqueArray(values, { minLength: 1, maxLength: 3 }) }),
  fc.record({ key: keys, operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
  fc.record({ key: keys, operator: fc.constantFrom('Gt' as const, 'Lt' as const), values: fc.tuple(fc.constantFrom('4', '8', '16')).map((v) => [...v]) }),
);
const podArb = fc.record({
  nodeSelector: fc.option(fc.dictionary(keys, values, { maxKeys: 2 }), { nil: undefined }),
  terms: fc.option(fc.array(fc.record({ matchExpressions: fc.array(requirement, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
}).map(({ nodeSelector, terms }) => pod({ ...(nodeSelector ? { nodeSelector } : {}), ...(terms ? required(...terms) : {}) }));

describe('NodeAffinity over any labels and selectors (property)', () => {
  it('agrees with the label-selector oracle on every node', () => {
    fc.assert(
      fc.property(podArb, labelsArb, (p, labels) => {
        assert.equal(verdict(p, node('n', labels)) === 'fits', oracle(p, labels));
      }),
      { numRuns: 1000 },
    );
  });
});
