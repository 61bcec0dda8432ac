/**
 * The page's HTTP client: every request carries the signed-in user's
 * bearer token, every refusal comes back as the server's Status, and a
 * stream of JSON lines (the watch) is read as it arrives.
 */

export interface StatusLike {
  code: number;
  reason: string;
  message: string;
}

export class ApiError extends Error {
  constructor(readonly status: StatusLike) {
    super(status.message);
  }
  get code(): number {
    return this.status.code;
  }
}

async function statusOf(res: Response): Promise<StatusLike> {
  const text = await res.text();
  try {
    const s = JSON.parse(text) as Partial<StatusLike>;
    if (typeof s.message === 'string') return { code: s.code ?? res.status, reason: s.reason ?? res.statusText, message: s.message };
  } catch {
    // not a Status: fall through
  }
  return { code: res.status, reason: res.statusText, message: text || res.statusText };
}

export class Api {
  constructor(private readonly token: string) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: `Bearer ${this.token}`, Accept: 'application/json', ...extra };
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(path, {
      method,
      headers: this.headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      cache: 'no-store',
    });
    if (!res.ok) throw new ApiError(await statusOf(res));
    return (await res.json()) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** Reads a stream of JSON lines until it ends or `signal` aborts it. */
  async stream(path: string, onLine: (value: unknown) => void, signal: AbortSignal): Promise<void> {
    const res = await fetch(path, { headers: this.headers(), signal, cache: 'no-store' });
    if (!res.ok || !res.body) throw new ApiError(await statusOf(res));
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += value;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) onLine(JSON.parse(line));
      }
    }
  }
}
