/**
 * What `kubespec serve` answers under /ui/, over real HTTPS in process:
 * the page's files with a strict Content-Security-Policy, a session that
 * says what the user may do, controls authorised by RBAC that refuse with
 * Kubernetes Status objects (401, 403, 404, 405, 409, 422), the rules a
 * node's kube-proxy wrote, and one stream carrying the API's watches with
 * the caller's own rights. The cluster runs on the virtual clock.
 */
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, describe, it } from 'node:test';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { selfSignedCertificate } from '../../apiserver/http/certificate.ts';
import { startHttpServer, type RunningHttpServer } from '../../apiserver/http/server.ts';
import { ADMIN, ReferenceCluster } from '../../cluster.ts';
import { SimulatedNodes } from './simulated-nodes.ts';
import { ensureUiRoles, STORY_CONTROLS_ROLE } from './ui-roles.ts';
import { uiRoutes } from './ui-routes.ts';

const TOKENS = { viewer: 'viewer-token', alice: 'alice-token', nobody: 'nobody-token' };

describe('the live view\'s server', () => {
  let cluster: ReferenceCluster;
  let server: RunningHttpServer;
  let ca: string;
  let adminToken: string;

  before(async () => {
    cluster = await new ReferenceCluster({
      users: [{ name: 'kubespec-viewer', token: TOKENS.viewer }, { name: 'alice', token: TOKENS.alice }, { name: 'nobody', token: TOKENS.nobody }],
    }).start();
    const admin = cluster.client();
    // alice reads what the viewer reads, and may use the story controls besides.
    await ensureUiRoles(admin, ['kubespec-viewer', 'alice']);
    await admin.create('clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'alice-story' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: STORY_CONTROLS_ROLE },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
    } as unknown as KubeObject);
    const nodes = new SimulatedNodes(cluster.nodes, (n) => cluster.observe.proxyRules!(n));
    await nodes.add({ name: 'worker-1' });
    const cert = selfSignedCertificate();
    ca = cert.cert;
    adminToken = cluster.tokenFor(ADMIN.name)!;
    const now = () => Date.parse(cluster.clock.microTimestamp());
    server = await startHttpServer({ apiserver: cluster.apiserver, certificate: cert, now, port: 0, extraRoutes: uiRoutes({ apiserver: cluster.apiserver, nodes, now, watchTimeoutMs: 10_000 }) });
  });
  after(async () => {
    await server.close();
    await cluster.stop();
  });

  interface Answer {
    code: number;
    body: any;
    text: string;
    headers: Record<string, string | string[] | undefined>;
  }
  function call(method: string, path: string, token: string | null = adminToken, body?: unknown): Promise<Answer> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(text ? { 'Content-Type': 'application/json' } : {}) };
      const req = request(`${server.url}${path}`, { method, headers, ca }, (res) => {
        let data = '';
        res.on('data', (d) => (data += d));
        res.on('end', () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(data);
          } catch {
            parsed = undefined;
          }
          resolve({ code: res.statusCode ?? 0, body: parsed, text: data, headers: res.headers });
        });
      });
      req.on('error', reject);
      req.end(text);
    });
  }
  const status = (a: Answer) => [a.code, a.body?.kind, a.body?.reason];

  it('serves the page to anyone, with a policy that lets it load only its own files', async () => {
    const bare = await call('GET', '/ui', null);
    assert.deepEqual([bare.code, bare.headers.location], [308, '/ui/']);
    const index = await call('GET', '/ui/', null);
    assert.equal(index.code, 200);
    assert.match(index.text, /<script type="module" src="app.js"><\/script>/);
    assert.match(String(index.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
    const script = await call('GET', '/ui/app.js', null);
    assert.deepEqual([script.code, script.headers['content-type']], [200, 'text/javascript; charset=utf-8']);
    assert.ok(script.text.length > 10_000 && !/from ?["']lit-html/.test(script.text), 'app.js is not one bundle with lit-html in it');
    assert.deepEqual(status(await call('GET', '/ui/secret.txt', null)), [404, 'Status', 'NotFound']);
    assert.deepEqual(status(await call('POST', '/ui/', null)), [405, 'Status', 'MethodNotAllowed']);
  });

  it('tells each user who they are and which controls they may use; no token gets a 401', async () => {
    assert.deepEqual(status(await call('GET', '/ui/api/session', null)), [401, 'Status', 'Unauthorized']);
    const may = async (token: string) => (await call('GET', '/ui/api/session', token)).body.may;
    assert.deepEqual(await may(TOKENS.viewer), { addNode: false, silenceNode: false, resumeNode: false, readProxyRules: true, listSimulatedNodes: true, failImage: false, createPods: false, deletePods: false, createReplicaSets: false });
    assert.ok(Object.values(await may(TOKENS.alice)).every(Boolean));
    assert.ok(Object.values(await may(adminToken)).every(Boolean));
    const session = (await call('GET', '/ui/api/session', TOKENS.viewer)).body;
    assert.deepEqual(session.user, { name: 'kubespec-viewer', groups: ['system:authenticated'] });
    assert.equal(session.serverTime, Date.parse(cluster.clock.microTimestamp()));
  });

  it('refuses the controls to a viewer with Kubernetes\' Forbidden Status', async () => {
    const silence = await call('POST', '/ui/api/nodes/worker-1/silence', TOKENS.viewer);
    assert.deepEqual([...status(silence), silence.body.message], [403, 'Status', 'Forbidden', 'simulatednodes.kubespec.dev "worker-1" is forbidden: User "kubespec-viewer" cannot create resource "simulatednodes/silence" in API group "kubespec.dev" at the cluster scope']);
    const add = await call('POST', '/ui/api/nodes', TOKENS.viewer, { name: 'sneaky' });
    assert.deepEqual([...status(add), add.body.message], [403, 'Status', 'Forbidden', 'simulatednodes.kubespec.dev is forbidden: User "kubespec-viewer" cannot create resource "simulatednodes" in API group "kubespec.dev" at the cluster scope']);
    assert.deepEqual(status(await call('POST', '/ui/api/imagefaults', TOKENS.viewer, { image: 'x:1' })), [403, 'Status', 'Forbidden']);
    assert.deepEqual((await call('GET', '/ui/api/nodes', TOKENS.viewer)).body.items.map((n: { metadata: { name: string } }) => n.metadata.name), ['worker-1']);
  });

  it('adds, silences and resumes nodes for a user bound to the story controls, and says why when it cannot', async () => {
    const added = await call('POST', '/ui/api/nodes', TOKENS.alice, {});
    assert.deepEqual([added.code, added.body.kind, added.body.metadata.name], [201, 'SimulatedNode', 'worker-2']);
    assert.equal((await cluster.client().get('nodes', 'worker-2')).metadata.name, 'worker-2');
    const twice = await call('POST', '/ui/api/nodes', TOKENS.alice, { name: 'worker-2' });
    assert.deepEqual([...status(twice), twice.body.message], [409, 'Status', 'AlreadyExists', 'simulatednodes.kubespec.dev "worker-2" already exists']);
    const badName = await call('POST', '/ui/api/nodes', TOKENS.alice, { name: 'Worker_3', cpu: 'lots' });
    assert.deepEqual(status(badName), [422, 'Status', 'Invalid']);
    assert.deepEqual(badName.body.details.causes.map((c: { field: string }) => c.field), ['metadata.name', 'spec.cpu']);
    assert.deepEqual(status(await call('POST', '/ui/api/nodes', TOKENS.alice, ['not', 'an', 'object'])), [400, 'Status', 'BadRequest']);
    assert.deepEqual(status(await call('POST', '/ui/api/nodes/worker-9/silence', TOKENS.alice)), [404, 'Status', 'NotFound']);

    assert.equal((await call('POST', '/ui/api/nodes/worker-1/silence', TOKENS.alice)).code, 201);
    const silenced = (await call('GET', '/ui/api/nodes', TOKENS.alice)).body.items;
    assert.deepEqual(silenced.map((n: { metadata: { name: string }; status: { silenced: boolean } }) => [n.metadata.name, n.status.silenced]), [['worker-1', true], ['worker-2', false]]);
    assert.equal((await call('POST', '/ui/api/nodes/worker-1/resume', TOKENS.alice)).body.status.silenced, false);
  });

  it('makes an image fail for every later pull, refusing an empty or spaced reference', async () => {
    assert.deepEqual(status(await call('POST', '/ui/api/imagefaults', TOKENS.alice, {})), [422, 'Status', 'Invalid']);
    assert.deepEqual(status(await call('POST', '/ui/api/imagefaults', TOKENS.alice, { image: 'a b' })), [422, 'Status', 'Invalid']);
    assert.equal((await call('POST', '/ui/api/imagefaults', TOKENS.alice, { image: 'nginx:broken' })).code, 201);
    assert.deepEqual((await call('GET', '/ui/api/imagefaults', TOKENS.viewer)).body.items, [{ spec: { image: 'nginx:broken' } }]);
  });

  it('shows a viewer what a node\'s kube-proxy wrote, and answers unknown paths and methods with a Status', async () => {
    const rules = await call('GET', '/ui/api/nodes/worker-1/proxyrules', TOKENS.viewer);
    assert.deepEqual([rules.code, rules.body.kind], [200, 'ProxyRules']);
    assert.match(rules.body.payload, /^\*filter\n:KUBE-SERVICES - \[0:0\]/);
    assert.deepEqual(status(await call('GET', '/ui/api/nodes/worker-1/proxyrules', TOKENS.nobody)), [403, 'Status', 'Forbidden']);
    assert.deepEqual(status(await call('GET', '/ui/api/nodes/worker-1/silence', TOKENS.alice)), [405, 'Status', 'MethodNotAllowed']);
    assert.deepEqual(status(await call('GET', '/ui/api/teapot', TOKENS.alice)), [404, 'Status', 'NotFound']);
  });

  /** Reads the watch stream until `done` says it has seen enough, then hangs up. */
  function watchLines(query: string, token: string | null, act: () => Promise<void>, done: (lines: any[]) => boolean): Promise<{ code: number; lines: any[] }> {
    return new Promise((resolve, reject) => {
      const req = request(`${server.url}/ui/api/watch?${query}`, { headers: token ? { Authorization: `Bearer ${token}` } : {}, ca }, (res) => {
        const lines: any[] = [];
        let buffered = '';
        const finish = () => {
          req.destroy();
          resolve({ code: res.statusCode ?? 0, lines });
        };
        res.on('data', (d) => {
          buffered += d;
          const parts = buffered.split('\n');
          buffered = parts.pop()!;
          for (const p of parts) if (p) lines.push(JSON.parse(p));
          if (done(lines)) finish();
        });
        res.on('end', finish);
        if (res.statusCode === 200) void act().catch(reject);
      });
      req.on('error', (e) => ((e as { code?: string }).code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
  }

  it('carries the API\'s watches of several kinds on one stream, from the versions the page listed at', async () => {
    const admin = cluster.client();
    const rv = (await admin.list('pods')).metadata.resourceVersion!;
    const { code, lines } = await watchLines(
      `pods=${rv}&nodes=${rv}`,
      adminToken,
      async () => {
        await admin.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'watched' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } as KubeObject, { namespace: 'default' });
        // Long enough for the scheduler to bind it and for the node to post its status (every 10 s).
        for (let i = 0; i < 11; i++) await cluster.clock.advance!(1000);
      },
      (ls) => ls.some((l) => l.resource === 'pods' && l.object.spec?.nodeName) && ls.some((l) => l.resource === 'nodes'),
    );
    assert.equal(code, 200);
    assert.deepEqual(lines.find((l) => l.resource === 'pods')?.type, 'ADDED');
    assert.ok(lines.every((l) => ['pods', 'nodes'].includes(l.resource) && ['ADDED', 'MODIFIED', 'DELETED'].includes(l.type)), JSON.stringify(lines.map((l) => [l.resource, l.type])));
  });

  it('gives each kind a user may not watch its own ERROR line with the 403, and refuses a bad request before streaming', async () => {
    const { lines } = await watchLines('nodes=&pods=', TOKENS.nobody, async () => undefined, (ls) => ls.length >= 2);
    assert.deepEqual(lines.map((l) => [l.resource, l.type, l.object.code, l.object.reason]).sort(), [['nodes', 'ERROR', 403, 'Forbidden'], ['pods', 'ERROR', 403, 'Forbidden']]);
    assert.deepEqual(status(await call('GET', '/ui/api/watch?secrets=1')), [400, 'Status', 'BadRequest']);
    assert.deepEqual(status(await call('GET', '/ui/api/watch')), [400, 'Status', 'BadRequest']);
    assert.deepEqual(status(await call('GET', '/ui/api/watch?nodes=1', null)), [401, 'Status', 'Unauthorized']);
    assert.deepEqual(status(await call('POST', '/ui/api/watch?nodes=1')), [405, 'Status', 'MethodNotAllowed']);
  });
});
