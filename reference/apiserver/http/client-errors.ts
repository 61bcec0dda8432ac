/**
 * Requests Node's HTTP parser refuses before any handler sees them (a method
 * it does not know, a malformed header, headers past the size limit, headers
 * that never finish) still get a Status, written straight to the socket,
 * and the connection is closed. Go's server, under kube-apiserver, answers
 * most of these with plain text; a method it has no route for gets
 * kube-apiserver's 405 Status, and so does one Node cannot parse, after the
 * same authentication.
 */
import type { Duplex } from 'node:stream';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Status } from '../../../spec/objects/status.ts';
import { isStatusError } from '../../../spec/objects/status.ts';
import type { ApiServer } from '../apiserver.ts';
import { authFromHeaders } from './request-reader.ts';

/** Go's MaxHeaderBytes in kube-apiserver's secure serving: 1 MiB. */
export const MAX_HEADER_BYTES = 1 << 20;

const failure = (code: number, reason: string, message: string, details?: Status['details']): Status => ({
  apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', message, reason, code, ...(details ? { details } : {}),
});

/**
 * Sockets already answered before their request's body was read: what the
 * client still sends is not a request, and gets no second answer.
 */
const answeredEarly = new WeakSet<Duplex>();
export function closeAfterAnswer(socket: Duplex): void {
  answeredEarly.add(socket);
}

/** What go-restful answers for a method no route has (apierrors.NewGenericServerResponse(405, ...)). */
export const methodNotAllowed = () => failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});

/** What goes back on the socket: a Status, or the plain `ok` of a health check. */
interface RawAnswer {
  code: number;
  contentType: string;
  body: string;
}
const asAnswer = (status: Status): RawAnswer => ({ code: status.code, contentType: 'application/json', body: JSON.stringify(status) });
const HEALTHY: RawAnswer = { code: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' };

function writeAnswer(socket: Duplex, answer: RawAnswer): void {
  if (!socket.writable) return void socket.destroy();
  socket.end(
    `HTTP/1.1 ${answer.code} ${STATUS_CODES[answer.code] ?? ''}\r\nContent-Type: ${answer.contentType}\r\nContent-Length: ${Buffer.byteLength(answer.body)}\r\nConnection: close\r\n\r\n${answer.body}`,
  );
}

/** A method is any HTTP token (RFC 9110), as Go accepts it. */
const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The request line and headers Node refused, read from the bytes it saw, starting at the line where parsing failed. */
function headersOf(raw: Buffer | undefined, failedAt = 0): { requestLine: string; method: string; path: string; headers: Record<string, string> } | undefined {
  if (!raw) return undefined;
  const whole = raw.toString('latin1');
  const text = whole.slice(whole.lastIndexOf('\n', Math.max(0, failedAt - 1)) + 1);
  const end = text.indexOf('\r\n\r\n');
  const lines = (end < 0 ? text : text.slice(0, end)).split('\r\n');
  const requestLine = /^(\S+) (\S+) HTTP\/\d\.\d$/.exec(lines[0]!);
  if (!requestLine) return { requestLine: lines[0]!, method: '', path: '', headers: {} };
  const [, method = '', path = ''] = requestLine;
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { requestLine: lines[0]!, method, path, headers };
}

async function answerFor(error: NodeJS.ErrnoException & { rawPacket?: Buffer; reason?: string; bytesParsed?: number }, apiserver: ApiServer): Promise<RawAnswer> {
  switch (error.code) {
    case 'HPE_INVALID_METHOD': {
      const request = headersOf(error.rawPacket, error.bytesParsed);
      if (!request?.method) return asAnswer(failure(400, 'BadRequest', `malformed HTTP request ${JSON.stringify(request?.requestLine ?? '')}`));
      if (!METHOD.test(request.method)) return asAnswer(failure(400, 'BadRequest', `malformed HTTP request: invalid method ${JSON.stringify(request.method)}`));
      try {
        await apiserver.authenticate(authFromHeaders(request.headers));
      } catch (e) {
        if (isStatusError(e)) return asAnswer(e.status);
        throw e;
      }
      // Health checks answer any method, as kube-apiserver's plain mux does; go-restful routes do not.
      if (/^\/(healthz|livez|readyz)(\/[^?]*)?(\?.*)?$/.test(request.path)) return HEALTHY;
      return asAnswer(methodNotAllowed());
    }
    case 'HPE_HEADER_OVERFLOW':
      return asAnswer(failure(431, 'BadRequest', `request header fields too large: limit is ${MAX_HEADER_BYTES} bytes`));
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return asAnswer(failure(408, 'Timeout', 'the request headers did not arrive in time'));
    case 'HPE_INVALID_VERSION':
      return asAnswer(failure(400, 'BadRequest', 'malformed HTTP request: unsupported protocol version'));
    default:
      return asAnswer(failure(400, 'BadRequest', `malformed HTTP request: ${error.reason ?? error.message}`));
  }
}

/** How long a client that was answered may go on sending (what it sends is dropped) before its connection is cut. */
const LINGER_MS = 10_000;

/** The server's 'clientError' listener: a Status when the socket can still take one, then the connection closes. */
export function answerClientError(apiserver: ApiServer) {
  return (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (error.code === 'ECONNRESET') return void socket.destroy();
    // The rest of what an answered client sends (the tail of oversized headers, a body after a bad request line)
    // is read and dropped: cutting the connection at once could reset it before the client read its answer.
    if (answeredEarly.has(socket)) return;
    if (!socket.writable) return void socket.destroy();
    // A response already under way on this socket cannot be replaced.
    if ((socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent) return void socket.destroy();
    answeredEarly.add(socket);
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
    void answerFor(error, apiserver)
      .catch(() => asAnswer(failure(400, 'BadRequest', 'malformed HTTP request')))
      .then((answer) => writeAnswer(socket, answer));
  };
}

/** CONNECT, which Node hands to a 'connect' listener instead of the handler: kube-apiserver has no route for it. */
export function answerConnect(apiserver: ApiServer) {
  return (req: IncomingMessage, socket: Duplex) => {
    void apiserver
      .authenticate(authFromHeaders(req.headers))
      .then(() => methodNotAllowed(), (e: unknown) => (isStatusError(e) ? e.status : failure(400, 'BadRequest', 'malformed HTTP request')))
      .then((status) => writeAnswer(socket, asAnswer(status)));
  };
}
