/**
 * The ObjectApi over HTTPS, as any client of a real cluster talks to it:
 * bearer token, the server's CA, one keep-alive agent. Every request has a
 * client-side deadline: a request still unanswered then is abandoned with
 * the error code ETIMEDOUT (the fault tests count those as hung requests).
 */
import { Agent, request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { createInterface } from 'node:readline';
import type { KubeList, KubeObject } from '../../spec/objects/meta.ts';
import { StatusError, type Status } from '../../spec/objects/status.ts';
import { configMap, deletedObject, stored, type ObjectApi } from './object-api.ts';

export interface HttpTarget {
  /** https://127.0.0.1:PORT */
  server: string;
  caPem: string;
  token: string;
  namespace: string;
  /** Abandon a request unanswered after this long. */
  deadlineMs: number;
}

class TransportError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

function statusOf(code: number, text: string): StatusError {
  try {
    const body = JSON.parse(text) as Status;
    if (body?.kind === 'Status') return new StatusError(body);
  } catch {
    // not a Status: described below
  }
  return new StatusError({ apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code, reason: 'NotAStatus', message: `HTTP ${code} without a Status body: ${text.slice(0, 200)}` });
}

export function httpObjectApi(target: HttpTarget): ObjectApi & { ensureNamespace(): Promise<void>; close(): void } {
  const agent = new Agent({ ca: target.caPem, keepAlive: true, maxSockets: 64 });
  const base = `${target.server}/api/v1/namespaces/${target.namespace}/configmaps`;

  const open = (method: string, url: string, body?: unknown, deadlineMs = target.deadlineMs) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const req = request(url, {
        method,
        agent,
        headers: { Authorization: `Bearer ${target.token}`, Accept: 'application/json', ...(text ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } : {}) },
      });
      req.setTimeout(deadlineMs, () => req.destroy(new TransportError('ETIMEDOUT', `no answer within ${deadlineMs} ms`)));
      req.on('response', resolve);
      req.on('error', (e: NodeJS.ErrnoException) => reject(e instanceof TransportError ? e : new TransportError(e.code ?? 'ECONNRESET', e.message)));
      req.end(text);
    });

  const send = async (method: string, url: string, body?: unknown): Promise<KubeObject> => {
    const res = await open(method, url, body);
    let text = '';
    try {
      for await (const chunk of res) text += chunk;
    } catch (e) {
      throw e instanceof TransportError ? e : new TransportError('ECONNRESET', `the answer was cut: ${(e as Error).message}`);
    }
    const code = res.statusCode ?? 0;
    if (code < 200 || code > 299) throw statusOf(code, text);
    return JSON.parse(text) as KubeObject;
  };

  return {
    create: async (key, value) => stored(await send('POST', base, configMap(target.namespace, key, value))),
    get: async (key) => stored(await send('GET', `${base}/${key}`)),
    update: async (key, value, precondition) => stored(await send('PUT', `${base}/${key}`, configMap(target.namespace, key, value, precondition))),
    delete: async (key) => deletedObject(await send('DELETE', `${base}/${key}`)),
    async list() {
      const list = (await send('GET', base)) as unknown as KubeList;
      return { items: list.items.map(stored), rv: Number(list.metadata.resourceVersion) };
    },
    async watch(fromRevision, onEvent, onEnd, timeoutSeconds) {
      const query = `?watch=true&resourceVersion=${fromRevision}${timeoutSeconds ? `&timeoutSeconds=${timeoutSeconds}` : ''}`;
      // A watch lives long: its deadline covers only the wait for the response head.
      const res = await open('GET', base + query, undefined, target.deadlineMs);
      res.socket?.setTimeout(0);
      if (res.statusCode !== 200) {
        let text = '';
        for await (const chunk of res) text += chunk;
        const error = statusOf(res.statusCode ?? 0, text);
        if (error.status.code === 410) {
          onEnd({ kind: 'expired', message: error.status.message });
          return { stop: () => {} };
        }
        throw error;
      }
      let stopped = false;
      let ended = false;
      const end = (e: Parameters<typeof onEnd>[0]) => {
        if (ended || stopped) return;
        ended = true;
        onEnd(e);
      };
      const lines = createInterface({ input: res });
      lines.on('error', () => end({ kind: 'failed', message: 'the stream was cut' }));
      lines.on('line', (line) => {
        if (stopped || ended || !line.trim()) return;
        const event = JSON.parse(line) as { type: string; object: KubeObject };
        if (event.type === 'ERROR') {
          const status = event.object as unknown as Status;
          end({ kind: status.code === 410 ? 'expired' : 'failed', message: `${status.code} ${status.message}` });
          res.destroy();
        } else if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED') onEvent(event.type, stored(event.object));
      });
      res.on('error', () => end({ kind: 'failed', message: 'the stream was cut' }));
      res.on('close', () => end({ kind: 'closed' }));
      return {
        stop() {
          stopped = true;
          res.destroy();
        },
      };
    },
    async ensureNamespace() {
      try {
        await send('POST', `${target.server}/api/v1/namespaces`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: target.namespace } });
      } catch (e) {
        if (!(e instanceof StatusError && e.status.reason === 'AlreadyExists')) throw e;
      }
    },
    close: () => agent.destroy(),
  };
}
