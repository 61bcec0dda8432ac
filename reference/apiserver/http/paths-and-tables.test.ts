/**
 * Paths and printing: every resource URL a client builds reads back as the
 * same request (property, against the inputs themselves), and AGE prints as
 * Kubernetes' HumanDuration does (its own test cases).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { RESOURCES } from '../registry/resources.ts';
import { parseResourcePath, resourceAt, resourceUrl } from './paths.ts';
import { humanDuration, toTable, wantsTable } from './tables.ts';

const SECOND = 1000;
const HOUR = 3600 * SECOND;

describe('resource paths', () => {
  it('read back what resourceUrl wrote, for every kind, namespace, name and subresource', () => {
    const dnsName = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
    fc.assert(
      fc.property(fc.constantFrom(...RESOURCES.values()), dnsName, fc.option(dnsName, { nil: undefined }), fc.boolean(), (r, ns, name, withSub) => {
        const subresource = withSub && name !== undefined ? r.subresources[0] : undefined;
        const parsed = parseResourcePath(resourceUrl(r, { namespace: ns, ...(name !== undefined ? { name } : {}), ...(subresource ? { subresource } : {}) }));
        assert.ok(parsed);
        assert.equal(resourceAt(parsed), r);
        assert.equal(parsed.namespace, r.namespaced ? ns : undefined);
        assert.equal(parsed.name, name);
        assert.equal(parsed.subresource, subresource);
      }),
      { numRuns: 500 },
    );
  });

  it('tells a namespace subresource from a resource inside a namespace', () => {
    assert.deepEqual(parseResourcePath('/api/v1/namespaces/team/status'), { group: '', version: 'v1', resource: 'namespaces', name: 'team', subresource: 'status' });
    assert.deepEqual(parseResourcePath('/api/v1/namespaces/team/pods'), { group: '', version: 'v1', resource: 'pods', namespace: 'team' });
    assert.equal(parseResourcePath('/apis/apps'), undefined);
    assert.equal(parseResourcePath('/api/v1/namespaces/a/pods/b/status/extra'), undefined);
    assert.equal(resourceAt(parseResourcePath('/apis/apps/v1/pods')!), undefined, 'pods are not in apps/v1');
  });
});

describe('server-side printing', () => {
  it('prints ages as HumanDuration (k8s.io/apimachinery duration_test.go cases)', () => {
    const cases: Array<[number, string]> = [
      [SECOND, '1s'],
      [70 * SECOND, '70s'],
      [190 * SECOND, '3m10s'],
      [70 * 60 * SECOND, '70m'],
      [47 * HOUR, '47h'],
      [49 * HOUR, '2d1h'],
      [(8 * 24 + 2) * HOUR, '8d'],
      [367 * 24 * HOUR, '367d'],
      [(365 * 2 * 24 + 25) * HOUR, '2y1d'],
      [(365 * 8 * 24 + 2) * HOUR, '8y'],
      [-500, '0s'],
      [-5 * SECOND, '<invalid>'],
    ];
    for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms} ms`);
  });

  it('prints a node NotReady when its Ready condition is not True, with roles from labels', () => {
    const node = {
      apiVersion: 'v1', kind: 'Node',
      metadata: { name: 'n1', creationTimestamp: '2026-01-01T00:00:00Z', labels: { 'node-role.kubernetes.io/control-plane': '' } },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'Unknown' }], addresses: [{ type: 'InternalIP', address: '10.0.0.1' }], nodeInfo: { kubeletVersion: 'v1.32.0' } },
    };
    const t = toTable('nodes', node as never, Date.parse('2026-01-01T00:05:00Z'));
    assert.deepEqual(t.rows[0]!.cells, ['n1', 'NotReady,SchedulingDisabled', 'control-plane', '5m', 'v1.32.0', '10.0.0.1', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });

  it('prints what holds a pod back, and Terminating once it is being deleted', () => {
    const base = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', creationTimestamp: '2026-01-01T00:00:00Z' }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    const waiting = { ...base, status: { phase: 'Pending', containerStatuses: [{ name: 'c', ready: false, restartCount: 2, state: { waiting: { reason: 'ErrImagePull' } } }] } };
    assert.deepEqual(toTable('pods', waiting as never, Date.parse('2026-01-01T00:00:30Z')).rows[0]!.cells.slice(0, 5), ['p', '0/1', 'ErrImagePull', 2, '30s']);
    const deleting = { ...base, metadata: { ...base.metadata, deletionTimestamp: '2026-01-01T00:00:10Z' }, status: { phase: 'Running' } };
    assert.equal(toTable('pods', deleting as never, 0).rows[0]!.cells[2], 'Terminating');
  });

  it('prints events with what happened to which object, and who said so in -o wide', () => {
    const event = {
      apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.1' },
      involvedObject: { kind: 'Pod', name: 'web' }, reason: 'Pulled', type: 'Normal', message: 'Successfully pulled image "nginx:1.27" ',
      source: { component: 'kubelet', host: 'worker-1' }, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:50Z', count: 2,
    };
    const t = toTable('events', event as never, Date.parse('2026-01-01T00:01:00Z'));
    assert.deepEqual(t.rows[0]!.cells, ['10s', 'Normal', 'Pulled', 'pod/web', '', 'kubelet, worker-1', 'Successfully pulled image "nginx:1.27"', '60s', 2, 'web.1']);
    assert.deepEqual(t.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name), ['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
  });

  it('recognises kubectl\'s Table Accept header and nothing else', () => {
    assert.ok(wantsTable('application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'));
    assert.ok(!wantsTable('application/json'));
    assert.ok(!wantsTable(undefined));
  });
});
