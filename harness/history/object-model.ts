/**
 * A sequential model of one object behind the Kubernetes API: what each
 * operation may answer, given the object's state, and the state it leaves.
 *
 *   create            201 when absent, else 409 AlreadyExists
 *   get               200 with the current value and resourceVersion, or 404
 *   update with rv p  200 when present at p (the new rv is above p), 409 Conflict when present at another rv, 404 when absent
 *   update, no rv     200 when present, 404 when absent: Kubernetes retries its own races, so never 409
 *   delete            200 with the object as it was (or a Status Success, which says only that it was present), or 404
 *
 * resourceVersions are the store's global revisions: a key's next one is
 * only known to be higher than its last. A write whose answer never came may
 * have applied at an unknown revision; the model then keeps only a lower
 * bound (`rvKnown: false`) until a read tells it. With an unknown revision a
 * precondition may or may not hold, so such an update can leave either
 * state: `step` returns every state the operation can leave, none when its
 * recorded answer is impossible.
 */
import type { Model } from './linearizability.ts';
import type { Operation } from './operations.ts';

export interface ObjectModelState {
  present: boolean;
  /** The current value ('' when absent). */
  value: string;
  /** The current resourceVersion when `rvKnown`, else a number the next one is known to exceed. */
  rv: number;
  rvKnown: boolean;
}

export const ABSENT: ObjectModelState = { present: false, value: '', rv: 0, rvKnown: false };

/** Could the object's current resourceVersion be `rv`? */
const couldBeAt = (s: ObjectModelState, rv: number) => (s.rvKnown ? s.rv === rv : rv > s.rv);
const at = (value: string, rv: number): ObjectModelState => ({ present: true, value, rv, rvKnown: true });
/** Written by an answer that never came: present with `value`, at some revision above `floor`. */
const written = (value: string, floor: number): ObjectModelState => ({ present: true, value, rv: floor, rvKnown: false });
const deleted = (floor: number): ObjectModelState => ({ present: false, value: '', rv: floor, rvKnown: false });

export function stepObject(s: ObjectModelState, op: Operation): ObjectModelState[] {
  const o = op.outcome;
  if (o.status === 'unsent') return [s];
  if (o.status === 'ok' && !o.object) return op.kind === 'delete' && s.present ? [deleted(s.rv)] : [];
  switch (op.kind) {
    case 'get':
      if (o.status === 'ok') return s.present && o.object!.value === s.value && couldBeAt(s, o.object!.rv) ? [at(s.value, o.object!.rv)] : [];
      if (o.status === 'refused') return o.reason === 'NotFound' && !s.present ? [s] : [];
      return [s]; // a read with no answer changed nothing
    case 'create':
      if (o.status === 'ok') return !s.present && o.object!.value === op.value && o.object!.rv > s.rv ? [at(o.object!.value, o.object!.rv)] : [];
      if (o.status === 'refused') return o.reason === 'AlreadyExists' && s.present ? [s] : [];
      return s.present ? [s] : [written(op.value ?? '', s.rv)];
    case 'update': {
      const p = op.precondition;
      if (o.status === 'ok') {
        const { value, rv } = o.object!;
        const holds = s.present && value === op.value && (p === undefined ? rv > s.rv : couldBeAt(s, p) && rv > p);
        return holds ? [at(value, rv)] : [];
      }
      if (o.status === 'refused') {
        if (o.reason === 'NotFound') return s.present ? [] : [s];
        return o.reason === 'Conflict' && p !== undefined && s.present && !(s.rvKnown && s.rv === p) ? [s] : [];
      }
      if (!s.present) return [s];
      if (p === undefined) return [written(op.value ?? '', s.rv)];
      if (s.rvKnown) return s.rv === p ? [written(op.value ?? '', p)] : [s];
      return p > s.rv ? [written(op.value ?? '', p), s] : [s];
    }
    case 'delete':
      if (o.status === 'ok') return s.present && o.object!.value === s.value && couldBeAt(s, o.object!.rv) ? [deleted(o.object!.rv)] : [];
      if (o.status === 'refused') return o.reason === 'NotFound' && !s.present ? [s] : [];
      return s.present ? [deleted(s.rv)] : [s];
  }
}

export const objectStateKey = (s: ObjectModelState) => `${s.present ? 1 : 0}|${s.rvKnown ? 1 : 0}|${s.rv}|${s.value}`;

export function describeState(s: ObjectModelState): string {
  const rv = s.rvKnown ? `rv ${s.rv}` : `rv above ${s.rv}`;
  return s.present ? `present with "${s.value}" at ${rv}` : `absent (next ${rv})`;
}

export function describeOperation(op: Operation): string {
  const o = op.outcome;
  const call =
    op.kind === 'update'
      ? `update("${op.value}"${op.precondition === undefined ? '' : `, rv ${op.precondition}`})`
      : op.kind === 'create'
        ? `create("${op.value}")`
        : op.kind;
  const answer =
    o.status === 'ok' ? (o.object ? `ok "${o.object.value}" rv ${o.object.rv}` : 'ok (Status Success)') : o.status === 'refused' ? o.reason : `${o.status} (${o.why})`;
  const until = Number.isFinite(op.completedAt) ? `${op.completedAt.toFixed(1)}` : '∞';
  return `#${op.id} client ${op.client} ${op.key} ${call} -> ${answer} [${op.invokedAt.toFixed(1)}, ${until}]`;
}

/** The model the linearizability search runs, one object at a time. */
export const OBJECT_MODEL: Model<ObjectModelState, Operation> = { init: ABSENT, step: stepObject, key: objectStateKey };
