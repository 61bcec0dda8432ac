/** The Pod's own rules, as pkg/registry/core/pod/strategy.go has them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import type { Pod } from '../../../../spec/objects/pod.ts';
import { VirtualClock } from '../../../runtime/clock.ts';
import { seededRandom } from '../../../runtime/random.ts';
import { podGracePeriod, podStrategy } from './strategy.ts';

const pod = (spec: Record<string, unknown> = {}, status: Record<string, unknown> = { phase: 'Running' }): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' },
  spec: { nodeName: 'worker-1', terminationGracePeriodSeconds: 30, containers: [{ name: 'c', image: 'nginx:1.27' }], ...spec },
  status,
});
const asPod = (o: KubeObject) => o as unknown as Pod;

describe('deleting a pod (CheckGracefulDelete)', () => {
  it("gives a running pod's kubelet the requested grace period, else the pod's own", () => {
    assert.equal(podGracePeriod(asPod(pod()), undefined), 30);
    assert.equal(podGracePeriod(asPod(pod()), 5), 5);
  });

  it('removes at once a pod no kubelet runs: unbound, or finished', () => {
    assert.equal(podGracePeriod(asPod(pod({ nodeName: undefined })), 10), 0);
    assert.equal(podGracePeriod(asPod(pod({}, { phase: 'Succeeded' })), 10), 0);
    assert.equal(podGracePeriod(asPod(pod({}, { phase: 'Failed' })), undefined), 0);
  });

  it('turns a negative grace period into 1 second, as Kubernetes does', () => {
    assert.equal(podGracePeriod(asPod(pod()), -5), 1);
  });
});

describe('writing a pod', () => {
  it('fills the defaults a client may leave out', () => {
    const p = pod({ restartPolicy: undefined, terminationGracePeriodSeconds: undefined, containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }, { name: 'd', image: 'nginx:1.27' }] });
    podStrategy.defaults(p);
    const spec = asPod(p).spec;
    assert.deepEqual([spec.restartPolicy, spec.schedulerName, spec.terminationGracePeriodSeconds], ['Always', 'default-scheduler', 30]);
    assert.deepEqual(spec.containers.map((c) => c.imagePullPolicy), ['Always', 'IfNotPresent'], 'an untagged image is pulled always');
    assert.equal(spec.containers[0]!.ports![0]!.protocol, 'TCP');
  });

  it('leaves a body of the wrong shape to validation, without crashing', () => {
    const p = { ...pod(), spec: 'run nginx' } as unknown as KubeObject;
    podStrategy.defaults(p);
    assert.ok(podStrategy.validate(p).some((c) => c.field === 'spec'));
  });

  it('makes a new pod Pending whatever status the client sent, and keeps the stored status on update', () => {
    const created = pod({}, { phase: 'Running', podIP: '10.244.0.5' });
    podStrategy.prepareForCreate(created, { clock: new VirtualClock(), random: seededRandom(1) });
    assert.deepEqual(created.status, { phase: 'Pending' });
    const update = pod({}, { phase: 'Failed' });
    podStrategy.prepareForUpdate(update, pod({}, { phase: 'Running' }));
    assert.deepEqual(update.status, { phase: 'Running' });
  });

  it('refuses duplicate container names, names that are not DNS labels, and quantities that do not parse', () => {
    const p = pod({ containers: [{ name: 'c', image: 'a' }, { name: 'c', image: 'b', resources: { requests: { cpu: 'lots' } } }, { name: 'Not_A_Label', image: 'c' }] });
    const causes = podStrategy.validate(p).map((c) => `${c.field}: ${c.type}`);
    assert.deepEqual(causes, ['spec.containers[1].name: FieldValueDuplicate', 'spec.containers[1].resources.requests.cpu: FieldValueInvalid', 'spec.containers[2].name: FieldValueInvalid']);
  });

  it('serves status and binding beside the pod, and grants graceful deletion', () => {
    assert.deepEqual(Object.keys(podStrategy.subresources).sort(), ['binding', 'status']);
    assert.ok(podStrategy.gracePeriod);
  });
});

describe('validating a pod\'s node affinity (ValidateAffinity)', () => {
  const withTerms = (nodeSelectorTerms: unknown[]) => pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } } });
  const messages = (o: KubeObject) => podStrategy.validate(o).map((c) => `${c.field}: ${c.message}`);
  const at = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';

  it('accepts terms whose values fit their operators', () => {
    assert.deepEqual(messages(withTerms([{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }, { key: 'cpus', operator: 'Gt', values: ['8'] }] }])), []);
  });

  it('refuses no terms at all, and values that do not fit their operator, in Kubernetes\' words', () => {
    assert.deepEqual(messages(withTerms([])), [`${at}: Required value: must have at least one node selector term`]);
    assert.deepEqual(
      messages(withTerms([{ matchExpressions: [{ key: 'disk', operator: 'In', values: [] }, { key: 'gpu', operator: 'Exists', values: ['x'] }, { key: 'cpus', operator: 'Lt', values: ['1', '2'] }] }])),
      [
        `${at}[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
        `${at}[0].matchExpressions[1].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
        `${at}[0].matchExpressions[2].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`,
      ],
    );
  });

  it('lets a field requirement name only metadata.name, with one value', () => {
    assert.deepEqual(messages(withTerms([{ matchFields: [{ key: 'metadata.labels', operator: 'In', values: ['a', 'b'] }] }])), [
      `${at}[0].matchFields[0].values: Required value: must be only one value when \`operator\` is 'In' or 'NotIn' for node field selector`,
      `${at}[0].matchFields[0].key: Invalid value: "metadata.labels": not a valid field selector key`,
    ]);
  });
});
