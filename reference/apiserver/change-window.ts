/**
 * The watch cache's window of recent changes (the cacher's ring buffer):
 * it holds every change after `oldest`, in revision order, up to a
 * capacity; older ones fall out, and so do those the store has compacted.
 * A watch can be served from here only if it resumes at or after `oldest`.
 */
import type { Change } from './watch.ts';

export class ChangeWindow {
  private changes: Change[] = [];
  private head = 0;
  /** Every change after this revision is held. */
  private oldest = Infinity;

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError(`Expected a window of at least one change, got ${capacity}`);
  }

  /** Starts empty, holding everything after `revision` (the revision the cache listed at). */
  reset(revision: number): void {
    this.changes = [];
    this.head = 0;
    this.oldest = revision;
  }

  covers(afterRevision: number): boolean {
    return afterRevision >= this.oldest;
  }

  push(change: Change): void {
    this.changes.push(change);
    if (this.changes.length - this.head > this.capacity) this.dropThrough(this.changes[this.head]!.revision);
  }

  /** The store compacted up to `revision`: a watch from before `revision - 1` must meet the store's 410, not this window. */
  forgetBefore(revision: number): void {
    if (revision - 1 > this.oldest) this.dropThrough(revision - 1);
  }

  /** The held changes after `revision`, oldest first. */
  *after(revision: number): Generator<Change> {
    let lo = this.head;
    let hi = this.changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.changes[mid]!.revision > revision) hi = mid;
      else lo = mid + 1;
    }
    for (let i = lo; i < this.changes.length; i++) yield this.changes[i]!;
  }

  private dropThrough(revision: number): void {
    this.oldest = Math.max(this.oldest, revision);
    while (this.head < this.changes.length && this.changes[this.head]!.revision <= revision) this.head++;
    // Shift the array only once half of it is dropped, so dropping stays O(1) on average.
    if (this.head > this.changes.length / 2) {
      this.changes = this.changes.slice(this.head);
      this.head = 0;
    }
  }
}
