/**
 * Records every operation the workload invokes, with its invocation and
 * completion time on one monotonic clock and its outcome, in the history
 * checker's terms: a 2xx is ok; 404 NotFound, 409 AlreadyExists and 409
 * Conflict are refusals that changed nothing; a 5xx, a client deadline or a
 * cut connection is indeterminate (it may have applied, now or later); a
 * refused connection never reached the server. Anything else (a 400, 403,
 * 422, a body that is not a Status) is a finding in itself: `unexpected`.
 */
import { isStatusError } from '../../spec/objects/status.ts';
import type { Operation, OperationKind, Outcome, WatchRecord } from '../history/operations.ts';
import type { StoredObject } from './object-api.ts';

export interface Call {
  client: number;
  kind: OperationKind;
  key: string;
  value?: string;
  precondition?: number;
}

/** How each failed request ended, for the report: "500 etcdserver: request timed out", "504 Timeout: ...", "ECONNRESET". */
export interface FailedAnswer {
  answer: string;
  /** How long it took to fail. */
  afterMs: number;
}

/** Requests as the server saw them (a list is one request, recorded as one read per object). */
export interface RequestTally {
  attempted: number;
  /** A definite answer: success or a refusal that changed nothing. */
  acknowledged: number;
  indeterminate: number;
  unsent: number;
}

export class Recorder {
  readonly operations: Operation[] = [];
  readonly requests: RequestTally = { attempted: 0, acknowledged: 0, indeterminate: 0, unsent: 0 };
  readonly watches: WatchRecord[] = [];
  readonly failures: FailedAnswer[] = [];
  readonly unexpected: string[] = [];
  private readonly origin = performance.now();
  private nextId = 0;

  now(): number {
    return performance.now() - this.origin;
  }

  /** Runs one call and records it: the object on success; `failed` when no definite answer came. */
  async run(call: Call, exec: () => Promise<StoredObject | undefined>): Promise<{ object?: StoredObject; failed: boolean }> {
    const invokedAt = this.now();
    const base = { ...call, invokedAt };
    try {
      const object = await exec();
      this.record(base, this.now(), object ? { status: 'ok', object: { value: object.value, rv: object.rv } } : { status: 'ok' });
      return object ? { object, failed: false } : { failed: false };
    } catch (e) {
      const outcome = this.classify(e, call);
      this.record(base, this.now(), outcome);
      return { failed: outcome.status !== 'refused' };
    }
  }

  /**
   * Runs a list of the namespace and records it as one read of each of
   * `keys` (present with its value, or NotFound), all over the list's
   * interval: P-compositionality checks each object apart.
   */
  async runList(client: number, keys: string[], exec: () => Promise<{ items: StoredObject[]; rv: number }>): Promise<number | undefined> {
    const invokedAt = this.now();
    try {
      const list = await exec();
      const at = this.now();
      this.tally({ status: 'refused', reason: 'NotFound' });
      for (const key of keys) {
        const item = list.items.find((i) => i.key === key);
        const outcome: Outcome = item ? { status: 'ok', object: { value: item.value, rv: item.rv } } : { status: 'refused', reason: 'NotFound' };
        this.operations.push({ id: this.nextId++, client, kind: 'get', key, invokedAt, completedAt: at, outcome });
      }
      return list.rv;
    } catch (e) {
      const outcome = this.classify(e, { client, kind: 'get', key: '(list)' });
      this.tally(outcome);
      if (outcome.status === 'indeterminate' || outcome.status === 'unsent') this.failures.push({ answer: outcome.why, afterMs: this.now() - invokedAt });
      return undefined;
    }
  }

  private record(call: Call & { invokedAt: number }, at: number, outcome: Outcome): void {
    this.tally(outcome);
    if (outcome.status === 'indeterminate' || outcome.status === 'unsent') this.failures.push({ answer: outcome.why, afterMs: at - call.invokedAt });
    this.operations.push({ id: this.nextId++, ...call, completedAt: outcome.status === 'indeterminate' ? Infinity : at, outcome });
  }

  private tally(outcome: Outcome): void {
    this.requests.attempted++;
    if (outcome.status === 'ok' || outcome.status === 'refused') this.requests.acknowledged++;
    else this.requests[outcome.status]++;
  }

  /** A new watch record; the caller appends its events and its end. */
  watch(client: number, prefix: string, fromRevision: number): WatchRecord {
    const record: WatchRecord = { id: this.watches.length, client, prefix, fromRevision, startedAt: this.now(), events: [] };
    this.watches.push(record);
    return record;
  }

  private classify(e: unknown, call: Call): Outcome {
    if (isStatusError(e)) {
      const { code, reason, message } = e.status;
      if ((code === 404 && reason === 'NotFound') || (code === 409 && (reason === 'AlreadyExists' || reason === 'Conflict'))) return { status: 'refused', reason };
      if (code >= 500) return { status: 'indeterminate', why: `${code}${reason ? ` ${reason}` : ''}: ${message}` };
      this.unexpected.push(`${call.kind} ${call.key}: ${code} ${reason}: ${message}`);
      return { status: 'indeterminate', why: `unexpected ${code} ${reason}` };
    }
    const code = (e as { code?: string }).code ?? 'error';
    const message = e instanceof Error ? e.message : String(e);
    if (code === 'ECONNREFUSED') return { status: 'unsent', why: 'ECONNREFUSED' };
    return { status: 'indeterminate', why: code === 'ETIMEDOUT' ? `no answer: ${message}` : `${code}: ${message}` };
  }
}
