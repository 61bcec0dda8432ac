/**
 * A real kubectl against `kubespec serve`, the Services and nodes part of
 * a learner's session: the default `kubernetes` Service and its endpoints,
 * EndpointSlices, `kubectl expose`, and `kubectl label|taint nodes` with a
 * pod that waits for the right node. Without a kubectl these tests are
 * reported as skipped, with the reason.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { columns, kubectlRunner } from './kubectl-runner.ts';
import { findKubectl, startServe, type ServeProcess } from './serve-process.ts';

const kubectl = findKubectl();
const skip = kubectl ? false : 'no kubectl: run .ci/install-kubectl or set KUBESPEC_KUBECTL';

describe('kubectl against kubespec serve: Services, EndpointSlices and nodes', () => {
  let server: ServeProcess;
  const { run, ok } = kubectlRunner(kubectl ?? '', () => server);
  const rows = (out: string) => out.trimEnd().split('\n').map(columns);
  const apply = (name: string, yaml: string) => {
    const file = path.join(server.dir, `${name}.yaml`);
    writeFileSync(file, yaml);
    return ok('apply', '-f', file).trim();
  };
  /** Asks again every 200 ms until `check` stops throwing, for at most 30 s (the server runs on the real clock). */
  async function until<T>(check: () => T): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        return check();
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await sleep(200);
      }
    }
  }
  const podsOf = (selector: string) => rows(ok('get', 'pods', '-l', selector, '-o', 'wide')).slice(1);

  before(async () => {
    if (!kubectl) return;
    server = await startServe(['--nodes', '2', '--time-scale', '0.1']);
  });
  after(async () => {
    if (!kubectl) return;
    const code = await server?.stop();
    assert.equal(code, 0, `kubespec serve did not stop cleanly:\n${server?.output()}`);
  });

  it('get svc kubernetes shows the first address of the service range on 443/TCP, its endpoints the advertised address on the server\'s port', { skip }, () => {
    const [header, row] = rows(ok('get', 'svc', 'kubernetes'));
    assert.deepEqual(header, ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    assert.deepEqual(row!.slice(0, 5), ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP']);
    const port = new URL(server.url).port;
    assert.deepEqual(rows(ok('get', 'endpoints', 'kubernetes'))[1]!.slice(0, 2), ['kubernetes', `192.168.0.2:${port}`]);
    const [sliceHeader, slice] = rows(ok('get', 'endpointslices', 'kubernetes'));
    assert.deepEqual(sliceHeader, ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
    assert.deepEqual(slice!.slice(0, 4), ['kubernetes', 'IPv4', port, '192.168.0.2']);
  });

  it('expose replicaset gives a Service with its selector, whose EndpointSlice lists its pods', { skip }, async () => {
    assert.equal(apply('rs', 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: nginx, image: "nginx:1.27", ports: [{containerPort: 80}]}]}\n'), 'replicaset.apps/web created');
    assert.equal(ok('expose', 'replicaset', 'web', '--port', '80').trim(), 'service/web exposed');
    const [header, svc] = rows(ok('get', 'svc', 'web', '-o', 'wide'));
    assert.deepEqual(header, ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
    assert.deepEqual([svc![0], svc![1], svc![4], svc![6]], ['web', 'ClusterIP', '80/TCP', 'app=web']);
    await until(() => {
      const ips = podsOf('app=web').map((p) => p[5]!).sort();
      assert.equal(ips.filter((ip) => ip !== '<none>').length, 2, `pods: ${ips.join(', ')}`);
      const [, slice, ...more] = rows(ok('get', 'endpointslices', '-l', 'kubernetes.io/service-name=web'));
      assert.deepEqual(more, []);
      assert.match(slice![0]!, /^web-[a-z0-9]{5}$/);
      assert.deepEqual([slice![1], slice![2], slice![3]!.split(',').sort()], ['IPv4', '80', ips]);
    });
  });

  it("expose pod makes a Service selecting by the pod's labels, which the ReplicaSet's other pod carries too", { skip }, async () => {
    const pods = await until(() => {
      const running = podsOf('app=web').filter((p) => p[2] === 'Running');
      assert.equal(running.length, 2, 'the web pods are not both running');
      return running;
    });
    assert.equal(ok('expose', 'pod', pods[0]![0]!, '--port', '8080', '--target-port', '80', '--name', 'one').trim(), 'service/one exposed');
    assert.deepEqual(rows(ok('get', 'svc', 'one', '-o', 'wide'))[1]!.filter((_, i) => [0, 4, 6].includes(i)), ['one', '8080/TCP', 'app=web']);
    const expected = pods.map((p) => `${p[5]}:80`).sort().join(',');
    await until(() => assert.equal(rows(ok('get', 'endpoints', 'one'))[1]![1]!.split(',').sort().join(','), expected));
  });

  it('expose deployment gives a Service whose EndpointSlice lists the Deployment\'s pods', { skip }, async () => {
    assert.equal(ok('create', 'deployment', 'api', '--image', 'nginx:1.27').trim(), 'deployment.apps/api created');
    assert.equal(ok('scale', 'deployment', 'api', '--replicas', '2').trim(), 'deployment.apps/api scaled');
    assert.equal(ok('expose', 'deployment', 'api', '--port', '80').trim(), 'service/api exposed');
    await until(() => {
      const ips = podsOf('app=api').map((p) => p[5]!).filter((ip) => ip !== '<none>').sort();
      assert.equal(ips.length, 2);
      const slices = rows(ok('get', 'endpointslices', '-l', 'kubernetes.io/service-name=api')).slice(1);
      assert.deepEqual(slices.flatMap((s) => s[3]!.split(',')).sort(), ips);
    });
  });

  it('label nodes: a pod that waits for a labelled node says why, and runs once a node is labelled', { skip }, async () => {
    assert.equal(ok('label', 'nodes', 'worker-1', 'disk=ssd').trim(), 'node/worker-1 labeled');
    assert.deepEqual(rows(ok('get', 'nodes', '-l', 'disk=ssd')).slice(1).map((r) => r[0]), ['worker-1']);
    assert.equal(apply('fast', 'apiVersion: v1\nkind: Pod\nmetadata: {name: fast}\nspec:\n  nodeSelector: {disk: hdd}\n  containers: [{name: nginx, image: "nginx:1.27"}]\n'), 'pod/fast created');
    await until(() => {
      const events = rows(ok('get', 'events', '--field-selector', 'involvedObject.name=fast'));
      assert.deepEqual(events[0], ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
      assert.deepEqual(events[1]!.slice(1), ['Warning', 'FailedScheduling', 'pod/fast', "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector."]);
    });
    assert.deepEqual(rows(ok('get', 'pod', 'fast'))[1]!.slice(0, 3), ['fast', '0/1', 'Pending']);
    assert.equal(ok('label', 'nodes', 'worker-2', 'disk=hdd').trim(), 'node/worker-2 labeled');
    await until(() => assert.deepEqual(rows(ok('get', 'pod', 'fast', '-o', 'wide'))[1]!.filter((_, i) => [0, 2, 6].includes(i)), ['fast', 'Running', 'worker-2']));
  });

  it('taint nodes: a pod that does not tolerate the taint waits, counted under it in FailedScheduling; the taint comes off with -', { skip }, async () => {
    assert.equal(ok('taint', 'nodes', 'worker-1', 'dedicated=gpu:NoSchedule').trim(), 'node/worker-1 tainted');
    assert.equal(ok('get', 'node', 'worker-1', '-o', 'jsonpath={.spec.taints}'), '[{"effect":"NoSchedule","key":"dedicated","value":"gpu"}]');
    assert.equal(apply('pinned', 'apiVersion: v1\nkind: Pod\nmetadata: {name: pinned}\nspec:\n  nodeSelector: {kubernetes.io/hostname: worker-1}\n  containers: [{name: nginx, image: "nginx:1.27"}]\n'), 'pod/pinned created');
    await until(() => {
      const message = rows(ok('get', 'events', '--field-selector', 'involvedObject.name=pinned'))[1]!.at(-1);
      assert.equal(message, "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s).");
    });
    assert.equal(ok('taint', 'nodes', 'worker-1', 'dedicated=gpu:NoSchedule-').trim(), 'node/worker-1 untainted');
    await until(() => assert.deepEqual(rows(ok('get', 'pod', 'pinned', '-o', 'wide'))[1]!.filter((_, i) => [0, 2, 6].includes(i)), ['pinned', 'Running', 'worker-1']));
    const refused = run('taint', 'nodes', 'worker-1', 'dedicated=gpu:NoSchedule-');
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr.trim(), 'error: taint "dedicated:NoSchedule" not found');
  });
});
