/**
 * Linearizability checking, after Wing & Gong as improved by Lowe and used
 * by Porcupine and etcd's robustness tests: find one order of the
 * operations that respects real time (an operation that completed before
 * another was invoked comes first) and that a sequential model accepts,
 * answer for answer.
 *
 * The history becomes a list of call and return entries sorted by time
 * (calls first on a tie, so operations that touch are concurrent). The
 * search walks the list: at a call it tries to linearize that operation
 * now (the model accepts its answer in the current state); then it starts
 * again from the front. Reaching a return whose call is not linearized
 * means the order so far cannot be extended, so it backtracks. A pair
 * (set of linearized operations, model state) seen before is never
 * explored again: that memo is what keeps the search tractable.
 *
 * An operation with no answer completes at Infinity: it may be linearized
 * anywhere after its invocation, and placed last it changes nothing anyone
 * saw, which is "it never happened".
 */

export interface Model<S, O> {
  init: S;
  /** Every state `op` can leave when linearized in `state`; none when its recorded answer is impossible there. */
  step(state: S, op: O): S[];
  /** Equal keys for equal states (the memo's key). */
  key(state: S): string;
}

/** Any operation with its invocation and completion times (Infinity: no answer came). */
export interface Timed {
  invokedAt: number;
  completedAt: number;
}

export type Verdict =
  | { linearizable: true; order: number[] }
  | {
      linearizable: false;
      /** 'illegal': no order exists; 'undecided': the search gave up after `budget` steps. */
      kind: 'illegal' | 'undecided';
      /** The longest prefix of a linearization the search found (indexes into the input). */
      longestPrefix: number[];
      /** The operation that could not be placed after that prefix: its answer came before any order could include it. */
      blockedBy?: number;
    };

/** A fixed-size bit set whose text form is the memo's key part. */
class Bits {
  private readonly words: Uint32Array;
  constructor(size: number) {
    this.words = new Uint32Array(Math.ceil(size / 32) || 1);
  }
  set(i: number): void {
    this.words[i >>> 5]! |= 1 << (i & 31);
  }
  clear(i: number): void {
    this.words[i >>> 5]! &= ~(1 << (i & 31));
  }
  toString(): string {
    return this.words.join(',');
  }
}

interface Frame<S> {
  call: number;
  before: S;
  candidates: S[];
  /** The next candidate to try if this frame is popped. */
  next: number;
}

/** Checks one history (one object's, under P-compositionality) against the model. */
export function checkLinearizable<S, O extends Timed>(model: Model<S, O>, ops: ReadonlyArray<O>, budget = 2_000_000): Verdict {
  const n = ops.length;
  // Entry 2i is the call of operation i, 2i + 1 its return; HEAD is a sentinel before the first entry.
  const HEAD = 2 * n;
  const NIL = -1;
  const entries = Array.from({ length: 2 * n }, (_, e) => e);
  const time = (e: number) => (e % 2 === 0 ? ops[e >> 1]!.invokedAt : ops[e >> 1]!.completedAt);
  for (const op of ops) {
    if (!(op.completedAt >= op.invokedAt)) throw new RangeError(`Expected an operation to complete after its invocation, got [${op.invokedAt}, ${op.completedAt}]`);
  }
  entries.sort((a, b) => time(a) - time(b) || (a % 2) - (b % 2) || a - b);
  const next = new Int32Array(2 * n + 1).fill(NIL);
  const prev = new Int32Array(2 * n + 1).fill(NIL);
  let last = HEAD;
  for (const e of entries) {
    next[last] = e;
    prev[e] = last;
    last = e;
  }
  const unlink = (e: number) => {
    next[prev[e]!] = next[e]!;
    if (next[e] !== NIL) prev[next[e]!] = prev[e]!;
  };
  const relink = (e: number) => {
    next[prev[e]!] = e;
    if (next[e] !== NIL) prev[next[e]!] = e;
  };
  const lift = (call: number) => {
    unlink(call);
    unlink(call + 1);
  };
  const unlift = (call: number) => {
    relink(call + 1);
    relink(call);
  };

  const linearized = new Bits(n);
  const seen = new Set<string>();
  const stack: Frame<S>[] = [];
  let state = model.init;
  let longest: number[] = [];
  let blockedBy: number | undefined;

  /** Linearizes the operation of `call` into the first unseen candidate state, if any. */
  const push = (call: number, candidates: S[], from: number): boolean => {
    const id = call >> 1;
    for (let k = from; k < candidates.length; k++) {
      linearized.set(id);
      const memo = `${linearized}#${model.key(candidates[k]!)}`;
      if (!seen.has(memo)) {
        seen.add(memo);
        stack.push({ call, before: state, candidates, next: k + 1 });
        state = candidates[k]!;
        lift(call);
        return true;
      }
      linearized.clear(id);
    }
    return false;
  };

  let entry = next[HEAD]!;
  for (let steps = 0; next[HEAD] !== NIL; steps++) {
    if (steps > budget) return { linearizable: false, kind: 'undecided', longestPrefix: longest };
    if (entry !== NIL && entry % 2 === 0) {
      if (push(entry, model.step(state, ops[entry >> 1]!), 0)) entry = next[HEAD]!;
      else entry = next[entry]!;
      continue;
    }
    // A return whose call is not linearized: the order so far cannot go on.
    if (stack.length >= longest.length && entry !== NIL) {
      longest = stack.map((f) => f.call >> 1);
      blockedBy = entry >> 1;
    }
    const frame = stack.pop();
    if (!frame) return { linearizable: false, kind: 'illegal', longestPrefix: longest, ...(blockedBy !== undefined ? { blockedBy } : {}) };
    unlift(frame.call);
    linearized.clear(frame.call >> 1);
    state = frame.before;
    entry = push(frame.call, frame.candidates, frame.next) ? next[HEAD]! : next[frame.call]!;
  }
  return { linearizable: true, order: stack.map((f) => f.call >> 1) };
}

/** P-compositionality: a history is linearizable iff each object's sub-history is; checks each apart. */
export function checkEachObject<S, O extends Timed & { key: string }>(
  model: Model<S, O>,
  ops: ReadonlyArray<O>,
  budget?: number,
): Map<string, { ops: O[]; verdict: Verdict }> {
  const byKey = new Map<string, O[]>();
  for (const op of ops) {
    const sub = byKey.get(op.key);
    if (sub) sub.push(op);
    else byKey.set(op.key, [op]);
  }
  return new Map([...byKey].map(([key, sub]) => [key, { ops: sub, verdict: checkLinearizable(model, sub, budget) }]));
}
