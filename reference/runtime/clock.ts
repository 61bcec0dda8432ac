/**
 * Time, injected (DESIGN.md rule 4). Components only ever ask a Clock; the
 * virtual one makes a five-minute timeout cost milliseconds and keeps every
 * run deterministic, the real one runs `kubespec serve`.
 */
import { WorkTracker } from './work-tracker.ts';

export interface Cancel {
  (): void;
}

export interface Clock {
  /** Milliseconds since the clock started. */
  now(): number;
  /** Wall-clock time as Kubernetes prints metav1.Time: RFC 3339, whole seconds. */
  timestamp(): string;
  /** metav1.MicroTime, as Lease renewTime uses: RFC 3339 with microseconds. */
  microTimestamp(): string;
  /** Calls `fn` once after `ms`. */
  after(ms: number, fn: () => unknown): Cancel;
  /** Calls `fn` every `ms`, first after `ms`. */
  every(ms: number, fn: () => unknown): Cancel;
}

/** The virtual clock's epoch: fixed, so timestamps in reports are stable across runs. */
export const VIRTUAL_EPOCH = Date.parse('2026-01-01T00:00:00Z');

abstract class BaseClock implements Clock {
  constructor(protected readonly epoch: number) {}
  abstract now(): number;
  abstract after(ms: number, fn: () => unknown): Cancel;
  timestamp(): string {
    return new Date(this.epoch + this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  microTimestamp(): string {
    return new Date(this.epoch + this.now()).toISOString().replace(/Z$/, '000Z');
  }
  every(ms: number, fn: () => unknown): Cancel {
    let cancelNext: Cancel = () => {};
    let stopped = false;
    const tick = async (): Promise<void> => {
      if (stopped) return;
      cancelNext = this.after(ms, tick);
      await fn();
    };
    cancelNext = this.after(ms, tick);
    return () => {
      stopped = true;
      cancelNext();
    };
  }
}

interface VirtualTimer {
  due: number;
  seq: number;
  fn: () => unknown;
}

/**
 * Time moves only when told. advance(ms) fires the due timers one at a time,
 * in (due, creation) order, and lets all the work each one causes settle
 * before the next fires.
 */
export class VirtualClock extends BaseClock {
  private current = 0;
  private seq = 0;
  private timers: VirtualTimer[] = [];

  constructor(private readonly work: WorkTracker = new WorkTracker(), epoch = VIRTUAL_EPOCH) {
    super(epoch);
  }

  now(): number {
    return this.current;
  }

  after(ms: number, fn: () => unknown): Cancel {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`Expected a delay to be a finite number >= 0, got ${ms}`);
    const timer: VirtualTimer = { due: this.current + ms, seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** The time of the next timer, if any. */
  nextDue(): number | undefined {
    return this.timers.reduce<number | undefined>((min, t) => (min === undefined || t.due < min ? t.due : min), undefined);
  }

  async advance(ms: number): Promise<void> {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`Expected advance to be a finite number >= 0, got ${ms}`);
    const target = this.current + ms;
    await this.work.idle();
    for (;;) {
      const next = this.popDue(target);
      if (!next) break;
      this.current = next.due;
      this.work.spawn(next.fn);
      await this.work.idle();
    }
    this.current = target;
    await this.work.idle();
  }

  private popDue(target: number): VirtualTimer | undefined {
    let best: VirtualTimer | undefined;
    for (const t of this.timers) {
      if (t.due > target) continue;
      if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    if (best) this.timers = this.timers.filter((t) => t !== best);
    return best;
  }
}

/** Wall-clock time for `kubespec serve` and real-time adapters; fired timers are still counted as work. */
export class RealClock extends BaseClock {
  private readonly start = performance.now();
  constructor(private readonly work: WorkTracker = new WorkTracker()) {
    super(Date.now());
  }
  now(): number {
    return performance.now() - this.start;
  }
  after(ms: number, fn: () => unknown): Cancel {
    const handle = setTimeout(() => this.work.spawn(fn), ms);
    handle.unref?.();
    return () => clearTimeout(handle);
  }
}
