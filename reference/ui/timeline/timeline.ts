/**
 * A node-lifecycle story as data: on one time axis, what each node did
 * (heartbeats, Lease renewals), what the node controller and the taint
 * manager did to it (Ready changes, taints, evictions) and, for the live
 * view, what is due (the grace period running out, each pod's eviction).
 * The report's pictures and the page's node-controller clock are both
 * drawn from this shape (picture.ts).
 */

export type MarkKind = 'heartbeat' | 'lease' | 'ready' | 'taint' | 'untaint' | 'evicted' | 'gone' | 'placed' | 'event' | 'due';

export interface Mark {
  /** Milliseconds on the clock the timeline is drawn against. */
  at: number;
  node: string;
  kind: MarkKind;
  label: string;
}

/** A stretch of time being counted down: the grace period of a silent node, a pod's toleration of a taint. */
export interface Span {
  node: string;
  from: number;
  to: number;
  kind: 'grace' | 'toleration';
  label: string;
}

export interface Timeline {
  from: number;
  to: number;
  /** The node controller's check period and grace period. */
  periodMs: number;
  graceMs: number;
  nodes: string[];
  marks: Mark[];
  spans?: Span[];
  /** Where "now" is, for a live view. */
  now?: number;
  /**
   * One instant at which the node controller checked, so the others are
   * that plus whole periods. Absent: checks fall on whole periods of the
   * clock (the reference's virtual clock starts its controller at 0).
   * null: not known (a client sees a check only when it changes something).
   */
  checkedAt?: number | null;
}

/** `55 s`, `4.5 s`: seconds with one decimal when they are not whole. */
export function formatSeconds(ms: number): string {
  const tenths = Math.round(ms / 100) / 10;
  return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)} s`;
}
