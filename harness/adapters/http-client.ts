/**
 * An ApiClient over the Kubernetes REST API, for any API server a kubeconfig
 * names. @kubernetes/client-node reads the kubeconfig and applies its
 * credentials and TLS settings (tokens, client certificates, exec plugins,
 * CAs); requests and watch streams are plain HTTPS so that every refusal
 * keeps its Status body and impersonation can carry groups.
 */
import { request as httpRequest, type IncomingMessage, type RequestOptions as NodeRequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createInterface } from 'node:readline';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ApiClient, ListOptions, PatchType, WatchEvent } from '../../spec/adapter.ts';
import { StatusError, statusFromWire, type Status } from '../../spec/objects/status.ts';
import { resourceUrl } from '../../reference/apiserver/http/paths.ts';
import { RESOURCES, type ResourceInfo } from '../../reference/apiserver/registry/resources.ts';

/** Who the requests are from: the kubeconfig's user, that user impersonating someone, a bare token, or nobody. */
export type HttpIdentity =
  | { kind: 'kubeconfig'; impersonate?: { user: string; groups: string[] } }
  | { kind: 'token'; token: string }
  | { kind: 'anonymous' };

const PATCH_MEDIA_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

const failure = (code: number, reason: string, message: string): Status => ({ apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code, reason, message });

function info(resource: string): ResourceInfo {
  const r = RESOURCES.get(resource);
  if (!r) throw new Error(`Expected a resource the suite knows (${[...RESOURCES.keys()].join(', ')}), got "${resource}"`);
  return r;
}

function query(opts: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(opts)) if (v !== undefined && v !== '' && k !== 'namespace') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A non-2xx answer as the StatusError every ApiClient throws; a body that is not a Status still becomes one. */
function statusError(code: number, text: string): StatusError {
  try {
    const body = JSON.parse(text) as Status;
    if (body?.kind === 'Status') return new StatusError(statusFromWire(body));
  } catch {
    // not JSON: fall through
  }
  return new StatusError(failure(code, code === 401 ? 'Unauthorized' : 'Unknown', text.trim() || `HTTP ${code}`));
}

type Applied = { agent?: unknown; headers?: Record<string, string | string[]> };

export class HttpClientFactory {
  private applied: { at: number; value: Promise<Applied> } | undefined;

  constructor(private readonly kubeconfig: KubeConfig) {}

  /** The kubeconfig's TLS agent and credentials, made once a minute (exec-plugin tokens expire) rather than per request. */
  private credentials(): Promise<Applied> {
    if (!this.applied || Date.now() - this.applied.at > 60_000) {
      const https: Applied = { headers: {} };
      this.applied = { at: Date.now(), value: this.kubeconfig.applyToHTTPSOptions(https as never).then(() => https) };
    }
    return this.applied.value;
  }

  private async options(identity: HttpIdentity, method: string, path: string, contentType?: string): Promise<{ url: URL; opts: NodeRequestOptions }> {
    const cluster = this.kubeconfig.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    const url = new URL(cluster.server.replace(/\/+$/, '') + path);
    const https = await this.credentials();
    const headers: Record<string, string | string[]> = { Accept: 'application/json', ...(https.headers ?? {}) };
    if (identity.kind !== 'kubeconfig') delete headers.Authorization;
    if (identity.kind === 'token') headers.Authorization = `Bearer ${identity.token}`;
    if (identity.kind === 'kubeconfig' && identity.impersonate) {
      headers['Impersonate-User'] = identity.impersonate.user;
      if (identity.impersonate.groups.length) headers['Impersonate-Group'] = identity.impersonate.groups;
    }
    if (contentType) headers['Content-Type'] = contentType;
    return { url, opts: { method, headers, agent: https.agent as NodeRequestOptions['agent'] } };
  }

  private async send(identity: HttpIdentity, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<unknown> {
    const { url, opts } = await this.options(identity, method, path, body === undefined ? undefined : contentType);
    const res = await open(url, opts, body === undefined ? undefined : JSON.stringify(body));
    let text = '';
    for await (const chunk of res) text += chunk;
    const code = res.statusCode ?? 0;
    if (code < 200 || code > 299) throw statusError(code, text);
    return text ? JSON.parse(text) : undefined;
  }

  client(identity: HttpIdentity): ApiClient {
    const send = this.send.bind(this, identity);
    const url = (resource: string, o: { namespace?: string; name?: string; subresource?: string } = {}) => resourceUrl(info(resource), o);
    return {
      get: async (resource, name, opts = {}) => (await send('GET', url(resource, { ...opts, name }))) as never,
      list: async (resource, opts: ListOptions = {}) => (await send('GET', url(resource, opts) + query({ ...opts }))) as never,
      create: async (resource, body, opts = {}) =>
        (await send('POST', url(resource, { namespace: opts.namespace ?? body.metadata?.namespace, ...(opts.subresource ? { name: opts.name, subresource: opts.subresource } : {}) }), body)) as never,
      update: async (resource, body, opts = {}) =>
        (await send('PUT', url(resource, { namespace: opts.namespace ?? body.metadata?.namespace, name: body.metadata?.name ?? '', ...(opts.subresource ? { subresource: opts.subresource } : {}) }), body)) as never,
      patch: async (resource, name, patch, opts = {}) =>
        (await send('PATCH', url(resource, { ...opts, name }), patch, PATCH_MEDIA_TYPES[opts.type ?? 'merge'])) as never,
      delete: async (resource, name, opts = {}) => {
        const body = opts.gracePeriodSeconds === undefined ? undefined : { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: opts.gracePeriodSeconds };
        return (await send('DELETE', url(resource, { ...opts, name }), body)) as never;
      },
      watch: (resource, opts, onEvent, onClose) => this.watch(identity, url(resource, opts) + query({ ...opts, watch: 'true' }), onEvent as (e: WatchEvent) => void | Promise<void>, onClose),
    };
  }

  /**
   * A watch stream: events are delivered in order, one at a time. An ERROR
   * event or an end the client did not ask for is reported through onClose
   * with an error, so informers list again; stop() reports nothing.
   */
  private async watch(identity: HttpIdentity, path: string, onEvent: (e: WatchEvent) => void | Promise<void>, onClose?: (error?: unknown) => void) {
    const { url, opts } = await this.options(identity, 'GET', path);
    const res = await open(url, opts);
    if ((res.statusCode ?? 0) !== 200) {
      let text = '';
      for await (const chunk of res) text += chunk;
      throw statusError(res.statusCode ?? 0, text);
    }
    let stopped = false;
    let closed = false;
    let chain: Promise<void> = Promise.resolve();
    const close = (error?: unknown) => {
      if (closed) return;
      closed = true;
      chain = chain.then(() => onClose?.(error));
    };
    const lines = createInterface({ input: res });
    lines.on('line', (line) => {
      if (stopped || !line.trim()) return;
      const event = JSON.parse(line) as WatchEvent;
      if (event.type === 'ERROR') {
        close(new StatusError(event.object as unknown as Status));
        res.destroy();
        return;
      }
      chain = chain.then(() => (stopped ? undefined : onEvent(event))).catch((e: unknown) => close(e));
    });
    res.on('close', () => close(stopped ? undefined : new StatusError(failure(500, 'InternalError', 'the server closed the watch'))));
    // A server that goes away mid-stream (a control plane restarted for new settings) aborts the response, and
    // readline passes the error on: that ends the watch like any close, reported through onClose, instead of an
    // 'error' no one listens to (uncaught, it would fail whichever scenario runs then).
    const aborted = () => close(stopped ? undefined : new StatusError(failure(500, 'InternalError', 'the server closed the watch')));
    res.on('error', aborted);
    lines.on('error', aborted);
    return {
      stop() {
        if (stopped) return;
        stopped = true;
        res.destroy();
        close();
      },
    };
  }
}

function open(url: URL, opts: NodeRequestOptions, body?: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'http:' ? httpRequest : httpsRequest)(url, opts, resolve);
    req.on('error', reject);
    // Node frames a DELETE body only with a Content-Length (it never chunks DELETE), so always send one.
    if (body !== undefined) req.setHeader('Content-Length', Buffer.byteLength(body));
    if (body !== undefined) req.write(body);
    req.end();
  });
}
