/**
 * Each kind of hostile request, sent as raw bytes over TLS, and the Status it
 * gets. Where kube-apiserver v1.37.2 answers with a Status, the code, reason
 * and message are its own (read from it with the same bytes); where Go's
 * server answers plain text or nothing, this server still answers a Status.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { Status } from '../../../spec/objects/status.ts';
import { ADMIN, ReferenceCluster } from '../../cluster.ts';
import { selfSignedCertificate } from './certificate.ts';
import { startHttpServer, type RunningHttpServer } from './server.ts';

interface RawAnswer {
  code: number;
  headers: string;
  body: string;
}

describe('hostile requests each get a Status', () => {
  let cluster: ReferenceCluster;
  let server: RunningHttpServer;
  let token: string;
  const CM = '/api/v1/namespaces/default/configmaps';

  before(async () => {
    cluster = await new ReferenceCluster().start();
    token = cluster.tokenFor(ADMIN.name)!;
    server = await startHttpServer({ apiserver: cluster.apiserver, certificate: selfSignedCertificate(), now: () => 0, port: 0, requestTimeoutMs: 300, headersTimeoutMs: 300 });
  });
  after(async () => {
    await server.close();
    await cluster.stop();
  });

  /** Writes `parts` (with a pause between them), then reads until the server closes or `waitMs` passes. */
  function raw(parts: Array<string | Buffer>, { waitMs = 2000, pauseMs = 0 } = {}): Promise<RawAnswer> {
    return new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: server.port, rejectUnauthorized: false }, async () => {
        for (const part of parts) {
          if (socket.destroyed) break;
          socket.write(part);
          if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
        }
      });
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      const done = () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const [headers = '', ...rest] = text.split('\r\n\r\n');
        resolve({ code: Number(headers.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
      };
      socket.on('close', done);
      socket.on('error', () => undefined);
      setTimeout(() => socket.destroy(), waitMs);
    });
  }
  const requestBytes = (method: string, path: string, headers: Record<string, string | number> = {}, body?: string | Buffer) => {
    const all: Record<string, string | number> = { Host: 'kubespec', Authorization: `Bearer ${token}`, Connection: 'close', ...headers };
    if (body !== undefined && all['Content-Length'] === undefined) all['Content-Length'] = Buffer.byteLength(body);
    const head = `${method} ${path} HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
    return body === undefined ? [head] : [head, body];
  };
  async function status(parts: Array<string | Buffer>, opts?: { waitMs?: number; pauseMs?: number }): Promise<Status> {
    const answer = await raw(parts, opts);
    const body = JSON.parse(answer.body) as Status;
    assert.ok(Value.Check(Status, body), `not a Status: ${answer.body}`);
    assert.equal(body.code, answer.code);
    return body;
  }
  const expect = async (parts: Array<string | Buffer>, code: number, reason: string, message: string | RegExp) => {
    const s = await status(parts);
    assert.deepEqual([s.code, s.reason], [code, reason], s.message);
    if (typeof message === 'string') assert.equal(s.message, message);
    else assert.match(s.message, message);
  };
  const METHOD_NOT_ALLOWED = 'the server does not allow this method on the requested resource';

  it('a method without a route, whether or not Node knows it, is 405 after authentication', async () => {
    for (const method of ['FOO', 'PROPFIND', 'OPTIONS', 'CONNECT', 'get']) await expect(requestBytes(method, CM), 405, 'MethodNotAllowed', METHOD_NOT_ALLOWED);
    await expect(requestBytes('PUT', CM, {}, '{}'), 405, 'MethodNotAllowed', METHOD_NOT_ALLOWED);
    await expect(requestBytes('POST', `${CM}/x`, {}, '{}'), 405, 'MethodNotAllowed', METHOD_NOT_ALLOWED);
    await expect(requestBytes('FOO', CM, { Authorization: 'Bearer not-a-token' }), 401, 'Unauthorized', 'Unauthorized');
    const health = await raw(requestBytes('FOO', '/healthz'));
    assert.deepEqual([health.code, health.body], [200, 'ok'], 'health checks answer any method');
  });

  it('a request Go\'s server would not parse is a 400 Status, and the connection closes', async () => {
    await expect(['GARBAGE\r\n\r\n'], 400, 'BadRequest', 'malformed HTTP request "GARBAGE"');
    await expect(['G@T / HTTP/1.1\r\nHost: x\r\n\r\n'], 400, 'BadRequest', 'malformed HTTP request: invalid method "G@T"');
    await expect(['GET /version HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'], 400, 'BadRequest', /^malformed HTTP request: /);
    await expect([`POST ${CM} HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n`], 400, 'BadRequest', /^malformed HTTP request: /);
    await expect([`POST ${CM} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`], 400, 'BadRequest', /^malformed HTTP request: /);
    await expect(['GET /version HTTP/1.1\r\nAuthorization: x\r\n\r\n'], 400, 'BadRequest', 'missing required Host header');
    await expect(requestBytes('GET', '/api/v1/namespaces/%zz/configmaps'), 400, 'BadRequest', 'parse "/api/v1/namespaces/%zz/configmaps": invalid URL escape "%zz"');
    await expect([`GET /version HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(1100 * 1024)}\r\n\r\n`], 431, 'BadRequest', 'request header fields too large: limit is 1048576 bytes');
  });

  it('bodies: 413 past 3 MiB (at once when Content-Length says so), 415 for a type it cannot decode, 400 past 10,000 levels', async () => {
    await expect(requestBytes('POST', CM, { 'Content-Length': 4 * 1024 * 1024 }, '{'), 413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    await expect(requestBytes('POST', CM, {}, `{"data":{"k":"${'a'.repeat(3 * 1024 * 1024)}"}}`), 413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    await expect(requestBytes('POST', CM, { 'Content-Type': 'text/plain' }, '{}'), 415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml');
    await expect(requestBytes('PATCH', `${CM}/x`, { 'Content-Type': 'application/json' }, '{}'), 415, 'UnsupportedMediaType', '415: Unsupported Media Type');
    await expect(requestBytes('GET', CM, { Accept: 'text/html' }), 406, 'NotAcceptable', '406: Not Acceptable\n\nAvailable representations: application/json, application/json;stream=watch');
    const deep = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"x":${'['.repeat(10_001)}${']'.repeat(10_001)}}`;
    await expect(requestBytes('POST', CM, { 'Content-Type': 'application/json' }, deep), 400, 'BadRequest', `the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: invalid character '[' exceeded max depth ({"apiVersion":"v1","kind":"Con ...)`);
    await expect(requestBytes('POST', CM, { 'Content-Type': 'application/yaml' }, 'x: ' + '['.repeat(2000) + ']'.repeat(2000)), 400, 'BadRequest', /yaml: exceeded max depth of 1000/);
  });

  it('query values are read as kube-apiserver reads them', async () => {
    await expect(requestBytes('GET', `${CM}?limit=abc`), 400, 'BadRequest', 'strconv.ParseInt: parsing "abc": invalid syntax');
    await expect(requestBytes('GET', `${CM}?timeoutSeconds=99999999999999999999`), 400, 'BadRequest', 'strconv.ParseInt: parsing "99999999999999999999": value out of range');
    await expect(requestBytes('GET', `${CM}?resourceVersion=abc`), 400, 'BadRequest', 'invalid resource version: resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax');
    await expect(requestBytes('GET', `${CM}?labelSelector=a%3D%3D%3Db`), 400, 'BadRequest', "unable to parse requirement: found '=', expected: identifier");
    await expect(requestBytes('GET', `${CM}?fieldSelector=foo%3Dbar`), 400, 'BadRequest', '"foo" is not a known field selector: only "metadata.name", "metadata.namespace"');
    await expect(requestBytes('GET', `${CM}?resourceVersionMatch=foo`), 422, 'Invalid', 'ListOptions.meta.k8s.io "" is invalid: [resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided, resourceVersionMatch: Unsupported value: "foo": supported values: "Exact", "NotOlderThan", ""]');
    await expect(requestBytes('DELETE', `${CM}/x?propagationPolicy=Bogus`), 422, 'Invalid', 'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Bogus": supported values: "Foreground", "Background", "Orphan", "nil"');
    await expect(requestBytes('POST', `${CM}?fieldValidation=Bogus`, {}, '{}'), 422, 'Invalid', 'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Bogus": supported values: "", "Ignore", "Strict", "Warn"');
    // limit=-1 and timeoutSeconds=-1 are accepted, as kube-apiserver accepts them: no limit; a watch that ends at once.
    assert.equal((await raw(requestBytes('GET', `${CM}?limit=-1&timeoutSeconds=-1`))).code, 200);
  });

  it('flags are false only for 0 and false, in any case: watch=yes and watch=True are watches', async () => {
    // runtime.Convert_Slice_string_To_bool, not strconv.ParseBool: `f` and `F`, false to ParseBool, are true here, as in kube-apiserver.
    for (const value of ['yes', 'True', 't', '1', 'f', 'F', '']) {
      const answer = await raw(requestBytes('GET', `${CM}?watch=${value}&timeoutSeconds=-1`));
      assert.equal(answer.code, 200);
      assert.match(answer.headers, /transfer-encoding: chunked/i, `watch=${value} is a watch`);
    }
    for (const value of ['0', 'false', 'FALSE', 'False', 'fAlSe']) {
      const answer = await raw(requestBytes('GET', `${CM}?watch=${value}`));
      assert.equal(JSON.parse(answer.body).kind, 'ConfigMapList', `watch=${value} is a list`);
    }
  });

  it('a body that never completes gets 504 Timeout, and nothing of it is stored', async () => {
    const before = cluster.accessLog.entries.filter((e) => e.op === 'create').length;
    const s = await status(requestBytes('POST', CM, { 'Content-Length': 500, Connection: 'keep-alive' }, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"slow"}'), { waitMs: 3000 });
    assert.deepEqual([s.code, s.reason, s.message], [504, 'Timeout', 'Timeout: request did not complete within the allotted timeout']);
    assert.equal(cluster.accessLog.entries.filter((e) => e.op === 'create').length, before);
  });

  it('headers that never finish get 408, and the connection closes', async () => {
    const s = await status([`GET /version HTTP/1.1\r\nHost: x\r\n`], { waitMs: 3000 });
    assert.deepEqual([s.code, s.reason], [408, 'Timeout']);
  });

  it('a connection cut in the middle of a body writes nothing', async () => {
    const before = cluster.accessLog.entries.filter((e) => e.op === 'create').length;
    const answer = await raw(requestBytes('POST', CM, { 'Content-Length': 500 }, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cut"}}'), { waitMs: 50 });
    assert.equal(answer.body, '', 'no answer to a client that left');
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(cluster.accessLog.entries.filter((e) => e.op === 'create').length, before);
    await assert.rejects(cluster.client().get('configmaps', 'cut', { namespace: 'default' }), { reason: 'NotFound' });
  });
});
