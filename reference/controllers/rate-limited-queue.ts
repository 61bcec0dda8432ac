/**
 * The node lifecycle controller's per-zone queue of nodes to taint
 * NoExecute (scheduler.RateLimitedTimedQueue with a client-go token bucket):
 * a node is queued once, and each attempt to process the head takes a token
 * from a bucket that refills at `qps` with burst 1. On the virtual clock the
 * bucket is exact: it tells when its next token will be there.
 */

/** A token bucket in milliseconds (GCRA): `burst` tokens, one more every 1000/qps ms. qps <= 0 never accepts. */
export class TokenBucket {
  private readonly interval: number;
  /** The theoretical arrival time of the next token: a bucket of `burst` may run that far ahead, less (burst - 1) intervals. */
  private tat = -Infinity;

  constructor(
    readonly qps: number,
    private readonly burst = 1,
  ) {
    this.interval = qps > 0 ? 1000 / qps : Infinity;
  }

  tryAccept(now: number): boolean {
    if (this.qps <= 0) return false;
    if (now < this.nextTokenAt()) return false;
    this.tat = Math.max(this.tat, now) + this.interval;
    return true;
  }

  /** The earliest time tryAccept can succeed (Infinity when never). */
  nextTokenAt(): number {
    if (this.qps <= 0) return Infinity;
    return this.tat - (this.burst - 1) * this.interval;
  }
}

export interface TimedValue {
  value: string;
  processAt: number;
}

export class RateLimitedTimedQueue {
  private queue: TimedValue[] = [];
  /** Everything ever added and not removed: a value is queued at most once until Remove. */
  private readonly set = new Set<string>();

  constructor(public limiter: TokenBucket) {}

  /** Queues `value` unless it is already known; true when it was added. */
  add(value: string, now: number): boolean {
    if (this.set.has(value)) return false;
    this.set.add(value);
    this.queue.push({ value, processAt: now });
    return true;
  }

  /** Forgets `value` entirely (the node became healthy). */
  remove(value: string): boolean {
    this.queue = this.queue.filter((v) => v.value !== value);
    return this.set.delete(value);
  }

  get length(): number {
    return this.queue.length;
  }

  /**
   * Processes the head while tokens allow: `fn` returns [done, retryAfterMs].
   * A head that is not done is requeued for later; a done one leaves the queue
   * but stays known, so it is not queued again.
   */
  async try(now: number, fn: (v: TimedValue) => Promise<[boolean, number]>): Promise<void> {
    for (let head = this.queue[0]; head; head = this.queue[0]) {
      if (!this.limiter.tryAccept(now)) break;
      if (now < head.processAt) break;
      const [done, wait] = await fn(head);
      this.queue.shift();
      if (!done) this.queue.push({ value: head.value, processAt: now + wait + 1 });
    }
  }

  /** Replaces the limiter when the zone's rate changes; a bucket that was empty stays empty (burst 1). */
  swapLimiter(qps: number, now: number): void {
    if (this.limiter.qps === qps) return;
    const next = new TokenBucket(qps);
    if (qps > 0 && !this.limiter.tryAccept(now)) next.tryAccept(now);
    this.limiter = next;
  }

  /** When the next attempt could succeed: the head's due time or the next token, whichever is later. */
  nextAttemptAt(): number | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    return Math.max(head.processAt, this.limiter.nextTokenAt());
  }
}
