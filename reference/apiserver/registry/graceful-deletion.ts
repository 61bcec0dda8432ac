/**
 * Graceful deletion, for any kind whose strategy grants a grace period
 * (rest.BeforeDelete): the object is not removed but marked with
 * `metadata.deletionTimestamp` (now + the grace period) so that whoever
 * runs it (a pod's kubelet) can stop it and then remove it with
 * `gracePeriodSeconds: 0`. A grace period of 0 removes it at once.
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { Clock } from '../../runtime/clock.ts';

/** What a delete does: remove the object now, mark it (a write), or leave an earlier, shorter mark alone. */
export type Deletion = { action: 'remove' } | { action: 'mark'; object: KubeObject } | { action: 'unchanged' };

export function beforeDelete(current: KubeObject, grace: number, clock: Clock): Deletion {
  if (grace === 0) return { action: 'remove' };
  const meta = current.metadata;
  // A second delete may shorten a pending grace period, never lengthen it.
  if (meta.deletionTimestamp && (meta.deletionGracePeriodSeconds ?? Infinity) <= grace) return { action: 'unchanged' };
  const deadline = new Date(Date.parse(clock.timestamp()) + grace * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const object = structuredClone(current);
  object.metadata.deletionTimestamp = deadline;
  object.metadata.deletionGracePeriodSeconds = grace;
  object.metadata.generation = (meta.generation ?? 1) + 1;
  return { action: 'mark', object };
}
