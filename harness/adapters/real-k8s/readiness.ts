/**
 * Waiting for a started process to serve: poll an HTTP(S) health endpoint
 * (etcd's /health, the api-server's /readyz, the components' /healthz)
 * until it answers as expected, giving up at once if the process died and
 * otherwise at a deadline, with the last answer in the error.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ManagedProcess } from './processes.ts';

export interface ProbeAnswer {
  status: number;
  body: string;
}

/** One GET; a refused connection is an answer with status 0. */
export function probe(url: string, opts: { ca?: string; token?: string } = {}): Promise<ProbeAnswer> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const headers: Record<string, string> = opts.token ? { Authorization: `Bearer ${opts.token}` } : {};
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, { method: 'GET', headers, timeout: 5_000, ...(opts.ca ? { ca: opts.ca } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => resolve({ status: 0, body: e.message }));
    req.end();
  });
}

export async function waitUntilServing(
  process: ManagedProcess,
  url: string,
  isReady: (answer: ProbeAnswer) => boolean,
  opts: { ca?: string; token?: string; timeoutMs?: number; logFile: string },
): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  let last: ProbeAnswer = { status: 0, body: 'not asked yet' };
  for (;;) {
    if (process.hasExited) throw new Error(`${process.name} exited before it served ${url}; see ${opts.logFile}`);
    last = await probe(url, opts);
    if (isReady(last)) return;
    if (Date.now() > deadline) {
      throw new Error(`${process.name} did not become ready at ${url} in time; last answer ${last.status}: ${last.body.slice(0, 300)}; see ${opts.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
