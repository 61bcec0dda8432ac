/**
 * Counts the work in flight across the whole cluster (requests, watch
 * deliveries, queued controller work, fired timers) so that "settled" is
 * known by counting, never by sleeping (DESIGN.md rule 4).
 */
export class WorkTracker {
  private pending = 0;
  private waiters: Array<() => void> = [];
  /** Errors thrown by tracked work that nobody awaited; the harness fails a scenario on them. */
  readonly errors: unknown[] = [];

  get busy(): boolean {
    return this.pending > 0;
  }

  /** Runs `work`, counting it as in flight until it settles. */
  async run<T>(work: () => T | Promise<T>): Promise<T> {
    this.pending++;
    try {
      return await work();
    } finally {
      this.done();
    }
  }

  /** Runs `work` in the background: counted, never awaited; a failure is recorded, not lost. */
  spawn(work: () => unknown): void {
    this.run(work).catch((error: unknown) => this.errors.push(error));
  }

  /** Resolves once nothing is in flight and the event loop has had a turn to start anything new. */
  async idle(): Promise<void> {
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.pending === 0) return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private done(): void {
    this.pending--;
    if (this.pending === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    }
  }
}
