/**
 * Properties of the checker on generated histories. A history made from a
 * real sequential run (each operation answered by a plain in-memory object
 * at its moment, then given a random interval around that moment, some
 * writes left without an answer, applied or not) is always accepted; the
 * same history with one answer changed to a value no write made is always
 * rejected.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkEachObject } from './linearizability.ts';
import { OBJECT_MODEL } from './object-model.ts';
import type { Operation, OperationKind, Outcome } from './operations.ts';

interface Step {
  kind: OperationKind;
  key: number;
  /** update: 0 the current resourceVersion, 1 a stale one, 2 none (unconditional). */
  precondition: 0 | 1 | 2;
  /** For writes: 0 answered, 1 no answer and applied, 2 no answer and never applied. */
  fate: 0 | 1 | 2;
  before: number;
  after: number;
}

const step: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom<OperationKind>('create', 'get', 'update', 'update', 'delete'),
  key: fc.integer({ min: 0, max: 1 }),
  precondition: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
  fate: fc.constantFrom<0 | 1 | 2>(0, 0, 0, 1, 2),
  before: fc.integer({ min: 0, max: 40 }),
  after: fc.integer({ min: 0, max: 40 }),
});

/** Runs the steps one by one against a plain object per key with a global revision, as etcd numbers them. */
function sequentialHistory(steps: Step[]): Operation[] {
  const objects = new Map<string, { value: string; rv: number }>();
  let revision = 1;
  return steps.map((s, i): Operation => {
    const key = `cm-${s.key}`;
    const current = objects.get(key);
    const at = i * 10; // the moment this operation takes effect
    const value = `w${i}`;
    const base = { id: i, client: i % 4, key, kind: s.kind, invokedAt: at - s.before, completedAt: at + s.after };
    const written = s.kind === 'create' || s.kind === 'update';
    const precondition = s.kind === 'update' && s.precondition !== 2 ? (current ? current.rv - s.precondition : 1) : undefined;
    const call = { ...base, ...(written ? { value } : {}), ...(precondition !== undefined ? { precondition } : {}) };
    if (s.kind !== 'get' && s.fate === 2) return { ...call, completedAt: Infinity, outcome: { status: 'indeterminate', why: 'never applied' } };
    const commit = (): Outcome => {
      objects.set(key, { value, rv: ++revision });
      return { status: 'ok', object: { value, rv: revision } };
    };
    let outcome: Outcome;
    if (s.kind === 'get') outcome = current ? { status: 'ok', object: { ...current } } : { status: 'refused', reason: 'NotFound' };
    else if (s.kind === 'create') outcome = current ? { status: 'refused', reason: 'AlreadyExists' } : commit();
    else if (!current) outcome = { status: 'refused', reason: 'NotFound' };
    else if (s.kind === 'update') outcome = precondition !== undefined && precondition !== current.rv ? { status: 'refused', reason: 'Conflict' } : commit();
    else {
      objects.delete(key);
      revision++;
      outcome = { status: 'ok', object: { ...current } };
    }
    if (s.kind !== 'get' && s.fate === 1) return { ...call, completedAt: Infinity, outcome: { status: 'indeterminate', why: 'applied, answer lost' } };
    return { ...call, outcome };
  });
}

const allLinearizable = (ops: Operation[]) => [...checkEachObject(OBJECT_MODEL, ops).values()].every((v) => v.verdict.linearizable);

test('a history recorded from a sequential run, with overlapping intervals and lost answers, is linearizable', () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
      assert.ok(allLinearizable(sequentialHistory(steps)));
    }),
    { numRuns: 300 },
  );
});

test('the same history with one answer changed to a value no write made is not linearizable', () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), fc.nat(), (steps, pick) => {
      const ops = sequentialHistory(steps);
      const answered = ops.filter((o) => o.outcome.status === 'ok' && o.outcome.object);
      fc.pre(answered.length > 0);
      const victim = answered[pick % answered.length]!;
      const flipped = ops.map((o) => (o === victim && o.outcome.status === 'ok' && o.outcome.object ? { ...o, outcome: { status: 'ok' as const, object: { ...o.outcome.object, value: 'never-written' } } } : o));
      assert.equal(allLinearizable(flipped), false);
    }),
    { numRuns: 300 },
  );
});

test('the same history with a read answered NotFound while its object had been created and not deleted is not linearizable', () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), fc.nat(), (steps, pick) => {
      const ops = sequentialHistory(steps);
      // A read whose object was created by an answered write that completed before the read began, with no delete of that object in the history.
      const deletes = new Set(ops.filter((o) => o.kind === 'delete').map((o) => o.key));
      const reads = ops.filter(
        (r) => r.kind === 'get' && r.outcome.status === 'ok' && !deletes.has(r.key) && ops.some((c) => c.key === r.key && c.kind === 'create' && c.outcome.status === 'ok' && c.completedAt < r.invokedAt),
      );
      fc.pre(reads.length > 0);
      const victim = reads[pick % reads.length]!;
      const flipped = ops.map((o) => (o === victim ? { ...o, outcome: { status: 'refused' as const, reason: 'NotFound' as const } } : o));
      assert.equal(allLinearizable(flipped), false);
    }),
    { numRuns: 300 },
  );
});
