/**
 * Objects as stored: JSON without resourceVersion, which is the store's own
 * mod revision and is filled in on every read (rule 3).
 */
import type { KubeObject } from '../../../spec/objects/meta.ts';
import type { KeyValue } from '../../store/port.ts';

export function encode(obj: KubeObject): string {
  const { resourceVersion: _rv, ...metadata } = obj.metadata;
  return JSON.stringify({ ...obj, metadata });
}

export function decode<T extends KubeObject = KubeObject>(kv: KeyValue): T {
  const obj = JSON.parse(kv.value) as T;
  obj.metadata.resourceVersion = String(kv.modRevision);
  return obj;
}
