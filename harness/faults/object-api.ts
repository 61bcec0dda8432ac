/**
 * What the fault workload does to the cluster: create, read, update (with
 * or without a resourceVersion), delete, list and watch ConfigMaps of one
 * namespace, each holding one value under `data.v`. Every answer keeps the
 * object's value and resourceVersion, so the history checker can hold each
 * answer against its model; a DELETE of a ConfigMap is answered with a
 * Status Success instead (by Kubernetes and the reference alike), which
 * says only that the object was there.
 * Refusals are thrown as StatusError; a request that got no answer throws
 * the transport's error (with its `code`, e.g. ECONNREFUSED).
 */
import type { KubeObject } from '../../spec/objects/meta.ts';

export interface StoredObject {
  key: string;
  value: string;
  rv: number;
}

export type WatchEnd = { kind: 'expired' | 'closed' | 'failed'; message?: string };

export interface ObjectApi {
  create(key: string, value: string): Promise<StoredObject>;
  get(key: string): Promise<StoredObject>;
  /** A PUT; with `precondition` it carries that resourceVersion, without it none (an unconditional update). */
  update(key: string, value: string, precondition?: number): Promise<StoredObject>;
  /** Resolves with the object as it was deleted, or undefined when the server answered with a Status Success (as Kubernetes does for ConfigMaps). */
  delete(key: string): Promise<StoredObject | undefined>;
  list(): Promise<{ items: StoredObject[]; rv: number }>;
  /** Watches the namespace after `fromRevision`; `onEnd` once, when the server ends it (not after stop()). */
  watch(
    fromRevision: number,
    onEvent: (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: StoredObject) => void,
    onEnd: (end: WatchEnd) => void,
    timeoutSeconds?: number,
  ): Promise<{ stop(): void }>;
}

export const configMap = (namespace: string, key: string, value: string, rv?: number): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: key, namespace, ...(rv !== undefined ? { resourceVersion: String(rv) } : {}) },
  data: { v: value },
});

/** A DELETE's answer: the deleted object, or undefined for a Status Success (Kubernetes' registry store, unless ReturnDeletedObject). */
export const deletedObject = (obj: KubeObject): StoredObject | undefined => (obj.kind === 'Status' ? undefined : stored(obj));

export function stored(obj: KubeObject): StoredObject {
  return { key: obj.metadata.name ?? '', value: String((obj as { data?: { v?: unknown } }).data?.v ?? ''), rv: Number(obj.metadata.resourceVersion) };
}
