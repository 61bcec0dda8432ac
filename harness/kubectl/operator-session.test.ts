/**
 * The operator's session a learner types against `kubespec serve`, with a
 * real kubectl (Debian's 1.20, from .ci/install-kubectl): what the cluster
 * serves (api-resources), cordon and uncordon, a drain held back by a
 * disruption budget until the replacements have somewhere to run,
 * describe, get all, auth can-i, events by field, and a namespace deleted
 * with its contents. Without a kubectl these are reported as skipped.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columns, rows, servedSession } from './kubectl-session.ts';
import { findKubectl } from './serve-process.ts';

const kubectl = findKubectl();
const skip = kubectl ? false : 'no kubectl: run .ci/install-kubectl or set KUBESPEC_KUBECTL';

const REPLICA_SET = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
`;
const BUDGET = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 2
  selector:
    matchLabels: {app: web}
`;
const WOULD_VIOLATE = /^error when evicting pods\/"web-[a-z0-9]+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.$/;

describe('an operator at work, with kubectl 1.20 against kubespec serve', () => {
  const k = servedSession(kubectl);

  /** Polls a kubectl command (a real second at a time) until its output satisfies `done`. */
  async function eventually(args: string[], done: (out: string) => boolean, withinMs = 30_000): Promise<string> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const out = k.ok(...args);
      if (done(out)) return out;
      if (Date.now() > deadline) assert.fail(`kubectl ${args.join(' ')} never showed what was expected; last:\n${out}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  it('api-resources lists every kind with its short names, group version, scope, kind and verbs', { skip }, () => {
    const table = rows(k.ok('api-resources', '-o', 'wide'));
    const row = (name: string) => table.find((r) => r[0] === name);
    assert.deepEqual(row('pods'), ['pods', 'po', 'v1', 'true', 'Pod', '[create delete get list patch update watch]']);
    assert.deepEqual(row('poddisruptionbudgets'), ['poddisruptionbudgets', 'pdb', 'policy/v1', 'true', 'PodDisruptionBudget', '[create delete get list patch update watch]']);
    assert.deepEqual(row('namespaces'), ['namespaces', 'ns', 'v1', 'false', 'Namespace', '[create delete get list patch update watch]']);
    assert.deepEqual(row('selfsubjectaccessreviews'), ['selfsubjectaccessreviews', 'authorization.k8s.io/v1', 'false', 'SelfSubjectAccessReview', '[create]']);
    assert.deepEqual(row('replicasets')?.slice(0, 5), ['replicasets', 'rs', 'apps/v1', 'true', 'ReplicaSet']);
    assert.deepEqual(row('deployments'), ['deployments', 'deploy', 'apps/v1', 'true', 'Deployment', '[create delete get list patch update watch]']);
    assert.deepEqual(row('endpointslices'), ['endpointslices', 'discovery.k8s.io/v1', 'true', 'EndpointSlice', '[create delete get list patch update watch]']);
  });

  it('cordon makes a node SchedulingDisabled and tainted unschedulable; uncordon undoes both', { skip }, async () => {
    assert.equal(k.ok('cordon', 'worker-2').trim(), 'node/worker-2 cordoned');
    const nodes = rows(k.ok('get', 'nodes'));
    assert.deepEqual(nodes.map((r) => r.slice(0, 2)), [['worker-1', 'Ready'], ['worker-2', 'Ready,SchedulingDisabled']]);
    await eventually(['get', 'node', 'worker-2', '-o', 'jsonpath={.spec.taints[*].key}'], (out) => out === 'node.kubernetes.io/unschedulable');
    assert.equal(k.ok('uncordon', 'worker-2').trim(), 'node/worker-2 uncordoned');
    await eventually(['get', 'node', 'worker-2', '-o', 'jsonpath={.spec.taints[*].key}'], (out) => out === '');
  });

  it('drain evicts through the disruption budget, which holds it back until the replacements can run', { skip }, async () => {
    k.ok('cordon', 'worker-2'); // the replacements have nowhere to go yet
    assert.equal(k.apply('web.yaml', REPLICA_SET).trim(), 'replicaset.apps/web created');
    assert.equal(k.apply('pdb.yaml', BUDGET).trim(), 'poddisruptionbudget.policy/web created');
    await eventually(['get', 'pods', '-o', 'wide'], (out) => rows(out).filter((r) => r[2] === 'Running' && r[6] === 'worker-1').length === 3);
    const pdb = await eventually(['get', 'pdb', 'web'], (out) => rows(out)[0]?.[3] === '1');
    assert.deepEqual(rows(pdb)[0]!.slice(0, 4), ['web', '2', 'N/A', '1']);

    const drain = k.start('drain', 'worker-1', '--ignore-daemonsets', '--delete-emptydir-data');
    assert.ok(await drain.until(WOULD_VIOLATE, 30_000), `the budget never held the drain back:\n${drain.output()}`);
    assert.equal(rows(k.ok('get', 'pdb', 'web'))[0]![3], '0', 'no disruption left while a replacement is pending');
    k.ok('uncordon', 'worker-2');
    const { code, stdout } = await drain.done();
    assert.equal(code, 0, drain.output());
    const lines = stdout.trim().split('\n');
    assert.equal(lines[0], 'node/worker-1 cordoned');
    assert.equal(lines.filter((l) => /^evicting pod default\/web-/.test(l)).length >= 3, true, stdout);
    assert.equal(lines.filter((l) => /^pod\/web-[a-z0-9]+ evicted$/.test(l)).length, 3, stdout);
    assert.equal(lines.at(-1), 'node/worker-1 evicted');

    assert.deepEqual(rows(k.ok('get', 'nodes')).map((r) => r.slice(0, 2)), [['worker-1', 'Ready,SchedulingDisabled'], ['worker-2', 'Ready']]);
    const pods = await eventually(['get', 'pods', '-o', 'wide'], (out) => rows(out).filter((r) => r[2] === 'Running').length === 3);
    assert.deepEqual(rows(pods).map((r) => r[6]), ['worker-2', 'worker-2', 'worker-2']);
  });

  it('describe shows who controls a pod, where it runs and its events; describe node shows the cordon and the pods', { skip }, () => {
    const pod = k.ok('get', 'pods', '-o', 'name').trim().split('\n')[0]!.replace('pod/', '');
    const described = k.ok('describe', 'pod', pod);
    assert.match(described, /^Controlled By:\s+ReplicaSet\/web$/m);
    assert.match(described, /^Node:\s+worker-2\/\d+\.\d+\.\d+\.\d+$/m);
    assert.match(described, new RegExp(`^\\s+Normal\\s+Scheduled\\s+\\S+\\s+default-scheduler\\s+Successfully assigned default/${pod} to worker-2$`, 'm'));
    assert.match(described, /^\s+Normal\s+Started\s+\S+\s+kubelet\s+Started container nginx$/m);
    const drained = k.ok('describe', 'node', 'worker-1');
    assert.match(drained, /^Taints:\s+node\.kubernetes\.io\/unschedulable:NoSchedule$/m);
    assert.match(drained, /^Unschedulable:\s+true$/m);
    assert.match(drained, /^Non-terminated Pods:\s+\(0 in total\)$/m);
    assert.match(k.ok('describe', 'node', 'worker-2'), /^Non-terminated Pods:\s+\(3 in total\)$/m);
  });

  it('get all lists the pods, the kubernetes Service and the replica set', { skip }, () => {
    const out = k.ok('get', 'all');
    assert.equal(out.match(/^pod\/web-[a-z0-9]+\s+1\/1\s+Running\s/gm)?.length, 3, out);
    assert.match(out, /^replicaset\.apps\/web\s/m);
    assert.match(out, /^service\/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s/m);
  });

  it('auth can-i answers yes or no as the authorizers would, also for another user with --as', { skip }, () => {
    assert.equal(k.ok('auth', 'can-i', 'create', 'pods').trim(), 'yes');
    const refused = k.run('auth', 'can-i', 'create', 'pods', '--as', 'alice');
    assert.deepEqual([refused.code, refused.stdout.trim()], [1, 'no']);
    assert.equal(k.ok('create', 'rolebinding', 'alice-edit', '--clusterrole=edit', '--user=alice').trim(), 'rolebinding.rbac.authorization.k8s.io/alice-edit created');
    assert.equal(k.ok('auth', 'can-i', 'create', 'pods', '--as', 'alice').trim(), 'yes');
    assert.equal(k.ok('auth', 'can-i', 'create', 'pods/eviction', '--as', 'alice').trim(), 'yes');
    assert.equal(k.run('auth', 'can-i', 'delete', 'nodes', '--as', 'alice').stdout.trim(), 'no');
  });

  it('get events --field-selector lists only the events selected', { skip }, () => {
    const scheduled = rows(k.ok('get', 'events', '--field-selector', 'reason=Scheduled'));
    assert.ok(scheduled.length >= 6, 'three pods, and three replacements, were scheduled');
    for (const r of scheduled) assert.equal(r[2], 'Scheduled', r.join(' | '));
    const aboutPods = rows(k.ok('get', 'events', '--field-selector', 'involvedObject.kind=Pod'));
    assert.ok(aboutPods.length > 0);
    for (const r of aboutPods) assert.match(r[3]!, /^pod\//);
    const refused = k.run('get', 'events', '--field-selector', 'message=x');
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr.trim(), 'Error from server (BadRequest): Unable to find "/v1, Resource=events" that match label selector "", field selector "message=x": field label not supported: message');
  });

  it('a deleted namespace is Terminating, takes nothing new, and goes once emptied', { skip }, async () => {
    assert.equal(k.ok('create', 'namespace', 'shop').trim(), 'namespace/shop created');
    k.ok('-n', 'shop', 'run', 'cart', '--image=nginx:1.27');
    k.ok('-n', 'shop', 'create', 'configmap', 'prices', '--from-literal=apple=3');
    const deletion = k.start('delete', 'namespace', 'shop');
    assert.ok(await deletion.until(/^namespace "shop" deleted$/, 30_000), deletion.output());
    assert.deepEqual(columns(k.ok('get', 'namespace', 'shop').trim().split('\n')[1]!).slice(0, 2), ['shop', 'Terminating']);
    const late = k.run('-n', 'shop', 'create', 'configmap', 'late', '--from-literal=a=1');
    assert.equal(late.stderr.trim(), 'Error from server (Forbidden): configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated');
    const { code } = await deletion.done();
    assert.equal(code, 0, deletion.output());
    const gone = k.run('get', 'namespace', 'shop');
    assert.equal(gone.stderr.trim(), 'Error from server (NotFound): namespaces "shop" not found');
    assert.equal(k.run('-n', 'shop', 'get', 'pods').stderr.trim(), 'No resources found in shop namespace.');
  });
});
