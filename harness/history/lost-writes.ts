/**
 * Zero acknowledged writes lost: every write the server answered with
 * success must be in the store's log, as answered. A create or update
 * answered with value v at resourceVersion R is the log's put of v at R; a
 * delete answered with the object (v, R) is a delete of that key after R
 * whose previous value was v. A delete answered with a Status Success (no
 * object: Kubernetes' answer for ConfigMaps) names no version, so the log
 * must hold at least as many deletes of the key as were acknowledged so:
 * two deletes cannot both succeed on one version of an object, etcd
 * deletes only under a precondition on the version it read.
 */
import type { Operation, StoreHistory } from './operations.ts';
import { describeOperation } from './object-model.ts';

export interface LostWrites {
  /** Acknowledged writes the log could vouch for (inside its window). */
  checked: number;
  lost: Array<{ op: Operation; message: string }>;
}

export function findLostWrites(ops: Operation[], history: StoreHistory): LostWrites {
  const puts = new Map<string, number>(); // key + value -> revision
  const deletes = new Map<string, Array<{ revision: number; previous: string | undefined }>>();
  const lastValue = new Map<string, string>();
  for (const c of history.changes) {
    if (c.type === 'put') {
      puts.set(`${c.key}\n${c.value}`, c.revision);
      lastValue.set(c.key, c.value ?? '');
    } else {
      const list = deletes.get(c.key) ?? [];
      list.push({ revision: c.revision, previous: lastValue.get(c.key) });
      deletes.set(c.key, list);
      lastValue.delete(c.key);
    }
  }
  const result: LostWrites = { checked: 0, lost: [] };
  const unnamedDeletes = new Map<string, Operation[]>();
  for (const op of ops) {
    if (op.kind === 'get' || op.outcome.status !== 'ok') continue;
    if (!op.outcome.object) {
      unnamedDeletes.set(op.key, [...(unnamedDeletes.get(op.key) ?? []), op]);
      continue;
    }
    const { value, rv } = op.outcome.object;
    if (rv <= history.fromRevision) continue;
    result.checked++;
    if (op.kind === 'delete') {
      const found = (deletes.get(op.key) ?? []).some((d) => d.revision > rv && d.previous === value);
      if (!found) result.lost.push({ op, message: `${describeOperation(op)}: the store never deleted that version` });
      continue;
    }
    const at = puts.get(`${op.key}\n${value}`);
    if (at !== rv) result.lost.push({ op, message: `${describeOperation(op)}: ${at === undefined ? 'not in the store' : `the store has it at rv ${at}`}` });
  }
  for (const [key, acknowledged] of unnamedDeletes) {
    result.checked += acknowledged.length;
    const logged = deletes.get(key)?.length ?? 0;
    for (const op of acknowledged.slice(logged)) result.lost.push({ op, message: `${describeOperation(op)}: ${acknowledged.length} deletes of ${key} acknowledged, the store made ${logged}` });
  }
  return result;
}
