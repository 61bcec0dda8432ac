/**
 * The REST surface over real HTTPS, in process: discovery, CRUD with the
 * right codes, Status errors, patches, paging, Tables, watch streams,
 * impersonation. The cluster runs on the virtual clock; nothing sleeps.
 */
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { ReferenceCluster, ADMIN } from '../../cluster.ts';
import { selfSignedCertificate } from './certificate.ts';
import { startHttpServer, type RunningHttpServer } from './server.ts';

interface Answer {
  code: number;
  // eslint-style "any": a test reads whatever JSON came back.
  body: any;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

describe('the api-server over HTTPS', () => {
  let cluster: ReferenceCluster;
  let server: RunningHttpServer;
  let ca: string;
  let adminToken: string;

  before(async () => {
    cluster = await new ReferenceCluster({ users: [{ name: 'nobody', token: 'nobody-token' }] }).start();
    const cert = selfSignedCertificate();
    ca = cert.cert;
    adminToken = cluster.tokenFor(ADMIN.name)!;
    server = await startHttpServer({ apiserver: cluster.apiserver, certificate: cert, now: () => Date.parse(cluster.clock.timestamp()), port: 0, bookmarkIntervalMs: 50 });
  });
  after(async () => {
    await server.close();
    await cluster.stop();
  });

  function call(method: string, path: string, opts: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string | string[]> } = {}): Promise<Answer> {
    const text = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    const headers: Record<string, string | string[]> = { ...(opts.headers ?? {}) };
    if (opts.token !== null) headers.Authorization = `Bearer ${opts.token ?? adminToken}`;
    if (text !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(text));
    }
    return new Promise((resolve, reject) => {
      const req = request(`${server.url}${path}`, { method, headers, ca }, (res) => {
        let data = '';
        res.on('data', (d) => (data += d));
        res.on('end', () => {
          let body: unknown;
          try {
            body = JSON.parse(data);
          } catch {
            body = undefined;
          }
          resolve({ code: res.statusCode ?? 0, body, text: data, headers: res.headers });
        });
      });
      req.on('error', reject);
      if (text !== undefined) req.write(text);
      req.end();
    });
  }

  const pod = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
  const configMap = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: { k: 'v' } });

  it('answers /version, /healthz and discovery with the served kinds, verbs and short names', async () => {
    assert.equal((await call('GET', '/version')).body.gitVersion, 'v1.32.0+kubespec');
    assert.equal((await call('GET', '/healthz')).text, 'ok');
    assert.deepEqual((await call('GET', '/api')).body.versions, ['v1']);
    const groups = (await call('GET', '/apis')).body.groups.map((g: { name: string }) => g.name);
    for (const g of ['apps', 'coordination.k8s.io', 'rbac.authorization.k8s.io']) assert.ok(groups.includes(g), `no group ${g} in ${groups}`);
    const core = (await call('GET', '/api/v1')).body;
    assert.equal(core.kind, 'APIResourceList');
    const pods = core.resources.find((r: { name: string }) => r.name === 'pods');
    assert.deepEqual([pods.kind, pods.namespaced, pods.shortNames], ['Pod', true, ['po']]);
    assert.ok(pods.verbs.includes('watch') && pods.verbs.includes('patch'));
    assert.ok(core.resources.some((r: { name: string; verbs: string[] }) => r.name === 'pods/binding' && r.verbs.join() === 'create'));
    assert.equal(core.resources.find((r: { name: string }) => r.name === 'nodes').namespaced, false);
    assert.ok((await call('GET', '/apis/apps/v1')).body.resources.some((r: { name: string }) => r.name === 'replicasets'));
    assert.equal((await call('GET', '/apis/apps')).body.preferredVersion.groupVersion, 'apps/v1');
    const missing = await call('GET', '/apis/nope/v1');
    assert.deepEqual([missing.code, missing.body.kind, missing.body.reason], [404, 'Status', 'NotFound']);
  });

  it('refuses a bad token with 401 and a Status everywhere, discovery included', async () => {
    for (const path of ['/api', '/version', '/api/v1/namespaces/default/pods']) {
      const r = await call('GET', path, { token: 'not-a-real-token' });
      assert.deepEqual([r.code, r.body.kind, r.body.reason], [401, 'Status', 'Unauthorized'], path);
    }
    assert.equal((await call('GET', '/api/v1/nodes', { token: null })).code, 401);
  });

  it('creates (201), reads, updates with optimistic concurrency (409) and deletes, with Kubernetes Status errors', async () => {
    const created = await call('POST', '/api/v1/namespaces/default/configmaps', { body: configMap('crud') });
    assert.equal(created.code, 201);
    const got = await call('GET', '/api/v1/namespaces/default/configmaps/crud');
    assert.deepEqual([got.code, got.body.data], [200, { k: 'v' }]);
    const again = await call('POST', '/api/v1/namespaces/default/configmaps', { body: configMap('crud') });
    assert.deepEqual([again.code, again.body.reason, again.body.message], [409, 'AlreadyExists', 'configmaps "crud" already exists']);
    const updated = await call('PUT', '/api/v1/namespaces/default/configmaps/crud', { body: { ...got.body, data: { k: 'w' } } });
    assert.equal(updated.code, 200);
    const stale = await call('PUT', '/api/v1/namespaces/default/configmaps/crud', { body: { ...got.body, data: { k: 'x' } } });
    assert.deepEqual([stale.code, stale.body.reason], [409, 'Conflict']);
    // A ConfigMap's registry does not return the deleted object: the answer is a Status Success naming it, as kube-apiserver's.
    const deleted = await call('DELETE', '/api/v1/namespaces/default/configmaps/crud');
    assert.deepEqual([deleted.code, deleted.body], [200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'crud', kind: 'configmaps', uid: created.body.metadata.uid } }]);
    const gone = await call('GET', '/api/v1/namespaces/default/configmaps/crud');
    assert.deepEqual([gone.code, gone.body.message], [404, 'configmaps "crud" not found']);
  });

  it('answers malformed input with a Status (400, 405, 415), never a stack trace', async () => {
    const bad = await call('POST', '/api/v1/namespaces/default/configmaps', { raw: '{"kind": ' });
    assert.deepEqual([bad.code, bad.body.kind, bad.body.reason], [400, 'Status', 'BadRequest']);
    assert.doesNotMatch(bad.text, /at .*\.ts:\d+/);
    const noBody = await call('POST', '/api/v1/namespaces/default/configmaps');
    assert.equal(noBody.code, 400);
    const collectionDelete = await call('DELETE', '/api/v1/namespaces/default/configmaps');
    assert.deepEqual([collectionDelete.code, collectionDelete.body.reason], [405, 'MethodNotAllowed']);
    await call('POST', '/api/v1/namespaces/default/configmaps', { body: configMap('patchme') });
    const applyPatch = await call('PATCH', '/api/v1/namespaces/default/configmaps/patchme', { raw: '{}', headers: { 'Content-Type': 'application/apply-patch+yaml' } });
    assert.deepEqual([applyPatch.code, applyPatch.body.reason], [415, 'UnsupportedMediaType']);
    const badLimit = await call('GET', '/api/v1/namespaces/default/configmaps?limit=abc');
    assert.deepEqual([badLimit.code, badLimit.body.message], [400, 'strconv.ParseInt: parsing "abc": invalid syntax']);
    const unknown = await call('GET', '/api/v1/namespaces/default/widgets');
    assert.deepEqual([unknown.code, unknown.body.reason], [404, 'NotFound']);
  });

  it('applies JSON merge patches and strategic merge patches that merge containers by name', async () => {
    await call('POST', '/api/v1/namespaces/default/pods', { body: { ...pod('patched'), spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] } } });
    const merge = await call('PATCH', '/api/v1/namespaces/default/pods/patched', { body: { metadata: { labels: { tier: 'web' } } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    assert.deepEqual([merge.code, merge.body.metadata.labels], [200, { tier: 'web' }]);
    const strategic = await call('PATCH', '/api/v1/namespaces/default/pods/patched', {
      body: { metadata: { annotations: { note: 'x' } }, spec: { containers: [{ name: 'b', image: 'b:1' }] } },
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
    });
    assert.equal(strategic.code, 200, strategic.text);
    assert.deepEqual(strategic.body.spec.containers.map((c: { name: string }) => c.name), ['a', 'b']);
    assert.equal(strategic.body.metadata.annotations.note, 'x');
  });

  it('pages a list with limit and continue, and filters by label and field selectors', async () => {
    for (const n of ['page-1', 'page-2', 'page-3']) await call('POST', '/api/v1/namespaces/kube-public/configmaps', { body: configMap(n, { set: n === 'page-2' ? 'b' : 'a' }) });
    const first = await call('GET', '/api/v1/namespaces/kube-public/configmaps?limit=2');
    assert.equal(first.body.items.length, 2);
    assert.ok(first.body.metadata.continue);
    const rest = await call('GET', `/api/v1/namespaces/kube-public/configmaps?limit=2&continue=${encodeURIComponent(first.body.metadata.continue)}`);
    assert.deepEqual([...first.body.items, ...rest.body.items].map((o: { metadata: { name: string } }) => o.metadata.name), ['page-1', 'page-2', 'page-3']);
    const labelled = await call('GET', '/api/v1/namespaces/kube-public/configmaps?labelSelector=set%3Da');
    assert.deepEqual(labelled.body.items.map((o: { metadata: { name: string } }) => o.metadata.name), ['page-1', 'page-3']);
    const named = await call('GET', '/api/v1/configmaps?fieldSelector=metadata.name%3Dpage-3');
    assert.deepEqual(named.body.items.map((o: { metadata: { namespace: string } }) => o.metadata.namespace), ['kube-public']);
  });

  it('prints server-side Tables: pod columns with the wide ones at priority 1, NAME/AGE for other kinds', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    await call('POST', '/api/v1/namespaces/default/pods', { body: pod('tabled') });
    const t = await call('GET', '/api/v1/namespaces/default/pods/tabled', { headers: { Accept: accept } });
    assert.equal(t.body.kind, 'Table');
    assert.deepEqual(t.body.columnDefinitions.filter((c: { priority: number }) => c.priority === 0).map((c: { name: string }) => c.name), ['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    assert.deepEqual(t.body.columnDefinitions.filter((c: { priority: number }) => c.priority === 1).map((c: { name: string }) => c.name), ['IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    assert.deepEqual(t.body.rows[0].cells.slice(0, 4), ['tabled', '0/1', 'Pending', 0]);
    assert.equal(t.body.rows[0].object.kind, 'PartialObjectMetadata');
    const cms = await call('GET', '/api/v1/namespaces/kube-public/configmaps?includeObject=None', { headers: { Accept: accept } });
    assert.deepEqual(cms.body.columnDefinitions.map((c: { name: string }) => c.name), ['Name', 'Age']);
    assert.equal(cms.body.rows[0].object, undefined);
    assert.equal((await call('GET', '/api/v1/namespaces/default/pods/tabled')).body.kind, 'Pod');
  });

  it('streams a watch from a resourceVersion as JSON lines, with bookmarks when asked, until timeoutSeconds', async () => {
    const list = await call('GET', '/api/v1/namespaces/kube-node-lease/configmaps');
    const rv = list.body.metadata.resourceVersion;
    const streamed = call('GET', `/api/v1/namespaces/kube-node-lease/configmaps?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=1`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await call('POST', '/api/v1/namespaces/kube-node-lease/configmaps', { body: configMap('watched') });
    await call('DELETE', '/api/v1/namespaces/kube-node-lease/configmaps/watched');
    const answer = await streamed;
    assert.equal(answer.code, 200);
    const events = answer.text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; object: { metadata: { name?: string; resourceVersion: string } } });
    const changes = events.filter((e) => e.type !== 'BOOKMARK');
    assert.deepEqual(changes.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED watched', 'DELETED watched']);
    assert.ok(events.some((e) => e.type === 'BOOKMARK'), 'no BOOKMARK in a watch that asked for them');
  });

  it('passes impersonation through to authorization: a user with no rights gets Kubernetes\' Forbidden message', async () => {
    const asNobody = await call('GET', '/api/v1/namespaces/default/pods', { headers: { 'Impersonate-User': 'nobody-at-all' } });
    assert.deepEqual([asNobody.code, asNobody.body.reason], [403, 'Forbidden']);
    assert.equal(asNobody.body.message, 'pods is forbidden: User "nobody-at-all" cannot list resource "pods" in API group "" in the namespace "default"');
    const byToken = await call('GET', '/api/v1/nodes', { token: 'nobody-token' });
    assert.equal(byToken.code, 403);
    const masters = await call('GET', '/api/v1/nodes', { headers: { 'Impersonate-User': 'root-ish', 'Impersonate-Group': ['system:masters'] } });
    assert.equal(masters.code, 200);
  });

  it('serves an OpenAPI v2 document kubectl can decode, and a v3 index', async () => {
    const v2 = await call('GET', '/openapi/v2', { headers: { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
    assert.equal(v2.headers['content-type'], 'application/octet-stream');
    assert.ok(v2.text.includes('2.0'));
    assert.equal((await call('GET', '/openapi/v2')).body.swagger, '2.0');
    assert.deepEqual((await call('GET', '/openapi/v3')).body, { paths: {} });
  });
});
