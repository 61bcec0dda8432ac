/**
 * Every object the server returns, in a cluster doing what the scenarios do
 * (nodes with kubelets, a ReplicaSet's pods running, a Service and its
 * Endpoints, a pod that cannot be scheduled and its events, leases, RBAC,
 * a pod deleted with a grace period), loads into Kubernetes' generated
 * client models: read over HTTPS, each object, list, Status and discovery
 * document is checked against the required fields and types of the
 * Kubernetes OpenAPI document (spec/openapi/definitions.ts). When Python's
 * `kubernetes` package is installed, its models also deserialize them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { request } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { definitionOf } from '../spec/openapi/definition.ts';
import { schemaProblems } from '../spec/openapi/schema-conformance.ts';
import { selfSignedCertificate } from './apiserver/http/certificate.ts';
import { startHttpServer, type RunningHttpServer } from './apiserver/http/server.ts';
import { RESOURCES, apiVersionOf, serves } from './apiserver/registry/resources.ts';
import { ADMIN, ReferenceCluster } from './cluster.ts';
import type { VirtualClock } from './runtime/clock.ts';

/** A cluster in the states the scenarios bring about. */
async function busyCluster(): Promise<ReferenceCluster> {
  const cluster = await new ReferenceCluster().start();
  const clock = cluster.clock as VirtualClock;
  const admin = cluster.client();
  for (const name of ['worker-1', 'worker-2']) await cluster.nodes.add({ name, cpu: '2', memory: '4Gi' });
  const labels = { app: 'web' };
  await admin.create('replicasets', {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' },
    spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } } },
  } as never, { namespace: 'default' });
  const api = { app: 'api' };
  await admin.create('deployments', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' },
    spec: { replicas: 2, selector: { matchLabels: api }, template: { metadata: { labels: api }, spec: { containers: [{ name: 'api', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } } },
  } as never, { namespace: 'default' });
  await admin.create('poddisruptionbudgets', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 2, selector: { matchLabels: labels } } } as never, { namespace: 'default' });
  await admin.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 80 }] } } as never, { namespace: 'default' });
  await admin.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'too-big' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '64' } } }] } } as never, { namespace: 'default' });
  await admin.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad-image' }, spec: { nodeName: 'worker-2', containers: [{ name: 'c', image: 'does-not-exist:0' }] } } as never, { namespace: 'default' });
  await admin.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { k: 'v' } } as never, { namespace: 'default' });
  await admin.create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token' }, type: 'Opaque', data: { k: 'dg==' } } as never, { namespace: 'default' });
  await admin.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder' } } as never, { namespace: 'default' });
  await admin.create('roles', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] } as never, { namespace: 'default' });
  await admin.create('rolebindings', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'reader' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }] } as never, { namespace: 'default' });
  await clock.advance(30_000);
  const running = (await admin.list('pods', { namespace: 'default', labelSelector: 'app=web' })).items;
  if (running[0]) await admin.delete('pods', running[0].metadata.name!, { namespace: 'default', gracePeriodSeconds: 30 } as never);
  await clock.advance(1_000);
  return cluster;
}

describe('objects as complete as a real cluster\'s', () => {
  let cluster: ReferenceCluster;
  let server: RunningHttpServer;
  let ca: string;
  let token: string;
  const read = (path: string): Promise<{ code: number; text: string }> =>
    new Promise((resolve, reject) => {
      const req = request(`${server.url}${path}`, { ca, headers: { Authorization: `Bearer ${token}` } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end();
    });
  /** Every list the server serves, as the wire carries it. */
  const lists = async () =>
    Promise.all(
      // Access reviews are only ever created: there is no list of them.
      [...RESOURCES.values()].filter((r) => serves(r, 'list')).map(async (r) => {
        const path = `${r.group ? `/apis/${r.group}` : '/api'}/${r.version}/${r.resource}`;
        const { code, text } = await read(path);
        assert.equal(code, 200, `${path}: ${text}`);
        return { resource: r, list: JSON.parse(text) as { kind: string; items: Array<Record<string, any>> } };
      }),
    );

  before(async () => {
    cluster = await busyCluster();
    const certificate = selfSignedCertificate();
    ca = certificate.cert;
    token = cluster.tokenFor(ADMIN.name)!;
    server = await startHttpServer({ apiserver: cluster.apiserver, certificate, now: () => Date.parse(cluster.clock.timestamp()), port: 0 });
  });
  after(async () => {
    await server.close();
    await cluster.stop();
  });

  it('every object of every kind, and every list, has the fields and types the Kubernetes OpenAPI requires', async (t) => {
    const problems: string[] = [];
    const counts: string[] = [];
    const unchecked: string[] = [];
    for (const { resource, list } of await lists()) {
      counts.push(`${resource.resource} ${list.items.length}`);
      if (!list.items.length) unchecked.push(resource.resource);
      const listDefinition = definitionOf(apiVersionOf(resource), `${resource.kind}List`) ?? assert.fail(`no definition of ${resource.kind}List`);
      problems.push(...schemaProblems(listDefinition, list).map((p) => `${resource.resource} list: ${p}`));
    }
    t.diagnostic(`objects checked: ${counts.join(', ')}`);
    assert.deepEqual(problems, []);
    assert.deepEqual(unchecked, [], 'every kind the server serves has objects to check');
  });

  it('a Node carries what a real kubelet reports: node info, addresses, capacity, allocatable, the kubelet\'s port', async () => {
    const node = JSON.parse((await read('/api/v1/nodes/worker-1')).text);
    for (const field of ['machineID', 'systemUUID', 'bootID', 'kernelVersion', 'osImage', 'containerRuntimeVersion', 'kubeletVersion', 'operatingSystem', 'architecture']) {
      assert.ok(node.status.nodeInfo[field], `status.nodeInfo.${field} is empty`);
    }
    assert.equal(node.status.nodeInfo.kubeProxyVersion, '', 'deprecated, empty, but present');
    assert.match(node.status.nodeInfo.machineID, /^[0-9a-f]{32}$/);
    assert.match(node.status.nodeInfo.bootID, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(node.status.addresses.map((a: { type: string }) => a.type), ['InternalIP', 'Hostname']);
    assert.deepEqual(Object.keys(node.status.capacity).sort(), ['cpu', 'ephemeral-storage', 'hugepages-1Gi', 'hugepages-2Mi', 'memory', 'pods']);
    assert.deepEqual(Object.keys(node.status.allocatable).sort(), Object.keys(node.status.capacity).sort());
    assert.equal(node.status.daemonEndpoints.kubeletEndpoint.Port, 10250);
    const other = JSON.parse((await read('/api/v1/nodes/worker-2')).text);
    assert.notEqual(other.status.nodeInfo.machineID, node.status.nodeInfo.machineID, 'each node has its own machine');
    assert.notEqual(other.status.nodeInfo.bootID, node.status.nodeInfo.bootID);
  });

  it('errors and discovery documents load too', async () => {
    const missing = await read('/api/v1/namespaces/default/pods/nope');
    assert.deepEqual(schemaProblems('meta.v1.Status', JSON.parse(missing.text)), []);
    const invalid = await read('/api/v1/namespaces/default/configmaps?resourceVersionMatch=x');
    assert.deepEqual(schemaProblems('meta.v1.Status', JSON.parse(invalid.text)), []);
    assert.deepEqual(schemaProblems('meta.v1.APIVersions', JSON.parse((await read('/api')).text)), []);
    assert.deepEqual(schemaProblems('meta.v1.APIGroupList', JSON.parse((await read('/apis')).text)), []);
    for (const gv of ['/api/v1', '/apis/apps/v1', '/apis/coordination.k8s.io/v1', '/apis/rbac.authorization.k8s.io/v1']) {
      assert.deepEqual(schemaProblems('meta.v1.APIResourceList', JSON.parse((await read(gv)).text)), [], gv);
    }
  });

  const python = spawnSync('python3', ['-c', 'import kubernetes'], { encoding: 'utf8' });
  it('Python\'s kubernetes client deserializes every object into its models', { skip: python.status !== 0 && 'the Python package `kubernetes` is not installed (pip install kubernetes)' }, async () => {
    // The core Event is CoreV1Event in the Python client, beside events.k8s.io's V1Event.
    const documents = (await lists()).map(({ resource, list }) => ({ model: resource.kind === 'Event' ? 'CoreV1EventList' : `V1${resource.kind}List`, json: list as unknown }));
    for (const path of ['/api/v1/namespaces/default/pods/nope', '/api/v1/namespaces/default/configmaps?resourceVersionMatch=x']) documents.push({ model: 'V1Status', json: JSON.parse((await read(path)).text) });
    documents.push({ model: 'V1APIResourceList', json: JSON.parse((await read('/api/v1')).text) });
    const script = [
      'import inspect, json, sys',
      'from kubernetes.client import ApiClient',
      'class Response:',
      '    def __init__(self, data): self.data = data',
      'client = ApiClient()',
      '# Clients from v35 take the text and its content type; older ones a response object.',
      "modern = 'content_type' in inspect.signature(client.deserialize).parameters",
      'failures = []',
      'for doc in json.load(sys.stdin):',
      '    text = json.dumps(doc["json"])',
      '    try:',
      '        if modern: client.deserialize(text, doc["model"], "application/json")',
      '        else: client.deserialize(Response(text), doc["model"])',
      '    except Exception as e:',
      '        failures.append(doc["model"] + ": " + str(e)[:2000])',
      'print(json.dumps(failures))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(documents), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), []);
  });
});
