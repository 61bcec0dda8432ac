/**
 * The api-server over HTTPS, speaking the Kubernetes REST API: every path
 * becomes an ApiRequest for ApiServer.handle / ApiServer.watch, so what
 * kubectl sees is exactly what the in-process scenarios see. This layer
 * translates and refuses malformed requests; authentication, authorization,
 * admission and storage all happen in the api-server.
 *
 * Whatever arrives, the answer is a Status: Node's parser errors included
 * (client-errors.ts), a request that does not finish within the request
 * timeout (504 Timeout, as kube-apiserver's --request-timeout), a body cut off
 * (nothing reaches the api-server).
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isStatusError, StatusError, statusToWire } from '../../../spec/objects/status.ts';
import type { ApiServer } from '../apiserver.ts';
import { errors } from '../status.ts';
import type { ServingCertificate } from './certificate.ts';
import { answerClientError, answerConnect, closeAfterAnswer, MAX_HEADER_BYTES } from './client-errors.ts';
import { serveNonResource } from './non-resource.ts';
import { parseRequestUrl } from './request-url.ts';
import { serveResource } from './resource-handler.ts';

export interface HttpServerOptions {
  apiserver: ApiServer;
  certificate: ServingCertificate;
  /** Wall-clock milliseconds on the cluster's clock, for AGE columns. */
  now(): number;
  /** With allowWatchBookmarks, how often a watch gets a BOOKMARK. @default 60000 */
  bookmarkIntervalMs?: number;
  /** A watch without timeoutSeconds ends after this long (the api-server's --min-request-timeout). @default 1800000 */
  watchTimeoutMs?: number;
  /** Any other request not answered within this gets a 504 Timeout (kube-apiserver's --request-timeout). @default 60000 */
  requestTimeoutMs?: number;
  /** The request line and headers must arrive within this (Go's ReadHeaderTimeout in kube-apiserver). @default 32000 */
  headersTimeoutMs?: number;
  /**
   * Paths served beside the API, such as the live view under /ui/: answers and resolves true, or declines with false.
   * They keep their own time (the live view's watch outlasts the request timeout).
   */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
}

export interface RunningHttpServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** errors.NewTimeoutError("request did not complete within the allotted timeout", 0). */
const requestTimedOut = () =>
  new StatusError({ apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code: 504, reason: 'Timeout', message: 'Timeout: request did not complete within the allotted timeout', details: {} });

/** The target as a WHATWG URL for routes beside the API; one it cannot read is left to the API's own parsing. */
function whatwgUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'https://kubespec');
  } catch {
    return undefined;
  }
}

/** What a client may still send after an early answer, and for how long, before its connection is closed. */
const DISCARD_LIMIT = { bytes: 16 * 1024 * 1024, ms: 10_000 };

function discardRestOfBody(req: IncomingMessage): void {
  let bytes = 0;
  const cutOff = () => req.socket.destroy();
  const timer = setTimeout(cutOff, DISCARD_LIMIT.ms);
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > DISCARD_LIMIT.bytes) cutOff();
  });
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

export function httpHandler(opts: HttpServerOptions, serverAddress: () => string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const send = (code: number, body: unknown) => {
      if (res.headersSent || res.destroyed) return void res.end();
      const text = JSON.stringify(body);
      res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
      // Answered before the body was read (a 413, say): Node reads and drops the rest, so the client can finish
      // sending and read the answer; a client that keeps sending past a limit is cut off.
      if (!req.complete) discardRestOfBody(req);
    };
    /**
     * Every failure leaves as a Status with its code; anything unexpected is a 500 with a message, never a stack.
     * A Status that says when to come back (a 429 or a 5xx with retryAfterSeconds) also says it as Retry-After, as
     * the api-server's responsewriters do, so clients wait before retrying.
     */
    const sendError = (e: unknown) => {
      const status = isStatusError(e) ? e.status : errors.internal(e instanceof Error ? e.message : String(e)).status;
      const retryAfter = status.details?.retryAfterSeconds ?? 0;
      if ((status.code === 429 || status.code >= 500) && retryAfter > 0 && !res.headersSent) res.setHeader('Retry-After', String(retryAfter));
      send(status.code, statusToWire(status));
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      if (req.httpVersion === '1.1' && req.headers.host === undefined) throw errors.badRequest('missing required Host header');
      const url = parseRequestUrl(req.url);
      const whole = opts.extraRoutes && whatwgUrl(req.url);
      if (whole && (await opts.extraRoutes!(req, res, whole))) return;
      timer = setTimeout(() => {
        // A request that never finishes arriving gets its answer, and its connection is closed.
        res.setHeader('Connection', 'close');
        closeAfterAnswer(req.socket);
        sendError(requestTimedOut());
      }, opts.requestTimeoutMs ?? 60_000);
      const served = await serveNonResource(opts.apiserver, req, res, url.path, send, serverAddress);
      if (!served) {
        await serveResource(
          { apiserver: opts.apiserver, now: opts.now, bookmarkIntervalMs: opts.bookmarkIntervalMs, watchTimeoutMs: opts.watchTimeoutMs ?? 1_800_000, longRunning: () => clearTimeout(timer) },
          req, res, url.path, url.rawQuery, send,
        );
      }
    } catch (e) {
      // A client that went away mid-body gets no answer; the api-server never saw its request.
      if (!req.destroyed || req.complete) sendError(e);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Listens on loopback (port 0 picks a free one) and resolves once it accepts connections. */
export async function startHttpServer(opts: HttpServerOptions & { host?: string; port?: number }): Promise<RunningHttpServer> {
  const host = opts.host ?? '127.0.0.1';
  const headersTimeout = opts.headersTimeoutMs ?? 32_000;
  let server!: Server;
  const address = () => `${host}:${(server.address() as AddressInfo).port}`;
  server = createServer(
    {
      key: opts.certificate.key,
      cert: opts.certificate.cert,
      maxHeaderSize: MAX_HEADER_BYTES,
      // The handler answers slow requests itself (504); Node only watches for headers that never finish.
      requestTimeout: 0,
      headersTimeout,
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, headersTimeout / 4)),
      // A missing Host header gets a Status from the handler rather than Node's bare 400.
      requireHostHeader: false,
    },
    httpHandler(opts, address),
  );
  server.on('clientError', answerClientError(opts.apiserver));
  server.on('connect', answerConnect(opts.apiserver));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 6443, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
