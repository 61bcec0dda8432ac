/**
 * The API benchmark's client: HTTPS requests over a fixed pool of
 * keep-alive connections, each timed from send to the last byte of the
 * answer, and watches whose lines are timed as they arrive.
 */
import { Agent, request } from 'node:https';

export interface Target {
  url: string;
  ca: string;
  token?: string;
}

export interface Answer {
  status: number;
  body: Buffer;
}

export class HttpsLoad {
  private readonly agent: Agent;

  constructor(
    private readonly target: Target,
    connections: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, ca: target.ca });
  }

  send(method: string, path: string, body?: unknown): Promise<Answer> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.target.url}${path}`,
        {
          method,
          agent: this.agent,
          headers: {
            Accept: 'application/json',
            ...(this.target.token ? { Authorization: `Bearer ${this.target.token}` } : {}),
            ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Sends `count` requests, `concurrency` at a time; the latency of each in milliseconds. */
  async latencies(count: number, concurrency: number, make: (i: number) => { method: string; path: string; body?: unknown; expect: number }): Promise<number[]> {
    const out: number[] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < count; i = next++) {
        const { method, path, body, expect } = make(i);
        const t = performance.now();
        const answer = await this.send(method, path, body);
        out.push(performance.now() - t);
        if (answer.status !== expect) throw new Error(`${method} ${path}: expected ${expect}, got ${answer.status}: ${answer.body.toString().slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return out;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Open watches, each on its own connection, calling `onLine` with every line as it arrives. */
export async function openWatches(target: Target, count: number, path: string, onLine: (watcher: number, line: string) => void): Promise<() => void> {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity, ca: target.ca });
  const requests: Array<ReturnType<typeof request>> = [];
  const open = (watcher: number) =>
    new Promise<void>((resolve, reject) => {
      const req = request(`${target.url}${path}`, { agent, headers: { Accept: 'application/json', ...(target.token ? { Authorization: `Bearer ${target.token}` } : {}) } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`watch ${path}: ${res.statusCode}`));
        let pending = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          pending += chunk;
          for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
            onLine(watcher, pending.slice(0, nl));
            pending = pending.slice(nl + 1);
          }
        });
        res.on('error', () => {});
        resolve();
      });
      req.on('error', (e) => reject(e));
      req.end();
      requests.push(req);
    });
  // Opened a few dozen at a time: a thousand TLS handshakes at once would measure the handshakes.
  for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, k) => open(i + k)));
  return () => {
    for (const r of requests) r.destroy();
    agent.destroy();
  };
}
