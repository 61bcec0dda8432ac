/**
 * The kubelet's back-off (client-go flowcontrol.Backoff): per key, a delay
 * that starts at `initialMs`, doubles on every `next` up to `maxMs`, and is
 * forgotten once the key has been quiet for twice the maximum. Image pulls
 * and crashed containers both use it (10 s doubling to 5 min by default).
 */
interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly initialMs: number,
    readonly maxMs: number,
  ) {}

  /** The current delay for `key` (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** Moves `key` to its next delay, counted from `at`. */
  next(key: string, at: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(e, at)) this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: at });
    else this.entries.set(key, { backoffMs: Math.min(e.backoffMs * 2, this.maxMs), lastUpdate: at });
  }

  /** Whether, at `now`, less than the delay has passed since `eventTime` (IsInBackOffSince). */
  inBackOffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(e, eventTime)) return false;
    return now - eventTime < e.backoffMs;
  }

  /** Whether, at `now`, less than the delay has passed since the last `next` (IsInBackOffSinceUpdate). */
  inBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(e, now)) return false;
    return now - e.lastUpdate < e.backoffMs;
  }

  /** When the back-off that started at `eventTime` (or the last update) is over. */
  until(key: string, eventTime?: number): number {
    const e = this.entries.get(key);
    return e ? (eventTime ?? e.lastUpdate) + e.backoffMs : 0;
  }

  private expired(e: Entry, at: number): boolean {
    return at - e.lastUpdate > this.maxMs * 2;
  }
}
