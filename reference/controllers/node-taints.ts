/**
 * The taints the node lifecycle controller owns (pkg/controller/nodelifecycle):
 * NoSchedule ones that follow the node's conditions at once, and the
 * NoExecute ones that the rate-limited queue adds. Helpers compute the new
 * taint list; the controller writes it through the API.
 */
import type { Condition } from '../../spec/objects/meta.ts';
import type { Node, Taint } from '../../spec/objects/node.ts';

export const NOT_READY = 'node.kubernetes.io/not-ready';
export const UNREACHABLE = 'node.kubernetes.io/unreachable';

export const UNREACHABLE_NO_EXECUTE: Taint = { key: UNREACHABLE, effect: 'NoExecute' };
export const NOT_READY_NO_EXECUTE: Taint = { key: NOT_READY, effect: 'NoExecute' };

/** Condition -> NoSchedule taint (nodeConditionToTaintKeyStatusMap and the Ready mapping). */
const NO_SCHEDULE_BY_CONDITION: ReadonlyArray<[type: string, status: Condition['status'], key: string]> = [
  ['Ready', 'False', NOT_READY],
  ['Ready', 'Unknown', UNREACHABLE],
  ['MemoryPressure', 'True', 'node.kubernetes.io/memory-pressure'],
  ['DiskPressure', 'True', 'node.kubernetes.io/disk-pressure'],
  ['NetworkUnavailable', 'True', 'node.kubernetes.io/network-unavailable'],
  ['PIDPressure', 'True', 'node.kubernetes.io/pid-pressure'],
];
const NO_SCHEDULE_KEYS = new Set([...NO_SCHEDULE_BY_CONDITION.map(([, , key]) => key), 'node.kubernetes.io/unschedulable']);

export const sameTaint = (a: Taint, b: Taint): boolean => a.key === b.key && a.effect === b.effect;

export function readyCondition(node: Node): Condition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

/** The NoSchedule taints the node's conditions (and spec.unschedulable) call for. */
export function desiredNoScheduleTaints(node: Node): Taint[] {
  const out: Taint[] = [];
  for (const [type, status, key] of NO_SCHEDULE_BY_CONDITION) {
    if (node.status?.conditions?.some((c) => c.type === type && c.status === status)) out.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) out.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  return out;
}

/**
 * The node's taints with `add` added (stamped `timeAdded: now`, as
 * SwapNodeControllerTaint does) and `remove` removed; undefined when nothing changes.
 */
export function swapTaints(current: Taint[], add: Taint[], remove: Taint[], now: string): Taint[] | undefined {
  const kept = current.filter((t) => !remove.some((r) => sameTaint(r, t)));
  const added = add.filter((a) => !kept.some((t) => sameTaint(a, t))).map((a) => ({ ...a, timeAdded: now }));
  if (added.length === 0 && kept.length === current.length) return undefined;
  return [...kept, ...added];
}

/** The controller's NoSchedule taints brought in line with the conditions; undefined when they already are. */
export function reconcileNoSchedule(node: Node, now: string): Taint[] | undefined {
  const current = node.spec?.taints ?? [];
  const desired = desiredNoScheduleTaints(node);
  const stale = current.filter((t) => t.effect === 'NoSchedule' && NO_SCHEDULE_KEYS.has(t.key) && !desired.some((d) => sameTaint(d, t)));
  return swapTaints(current, desired, stale, now);
}
