/**
 * PATCH bodies: JSON merge patch (RFC 7386), the part of strategic merge
 * patch that kubectl apply relies on (lists of objects merged by their key,
 * containers by name and conditions by type, instead of replaced), and JSON
 * patch (RFC 6902, json-patch.ts).
 */
import type { PatchType } from '../../spec/adapter.ts';
import { applyJsonPatch } from './json-patch.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The merge key of the lists Kubernetes merges strategically. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  conditions: 'type',
  ports: 'containerPort',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  tolerations: 'key',
  taints: 'key',
  addresses: 'type',
  ownerReferences: 'uid',
};

const isObject = (v: unknown): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

export function applyPatch(target: unknown, patch: unknown, type: PatchType, field?: string): unknown {
  if (type === 'json') return applyJsonPatch(target, patch);
  if (!isObject(patch)) {
    if (type === 'strategic' && Array.isArray(patch) && Array.isArray(target) && field && MERGE_KEYS[field]) {
      return mergeList(target, patch, MERGE_KEYS[field]);
    }
    return patch;
  }
  const result: { [k: string]: unknown } = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key.startsWith('$setElementOrder')) continue;
    if (value === null) delete result[key];
    else result[key] = applyPatch(result[key], value, type, key);
  }
  return result;
}

function mergeList(target: unknown[], patch: unknown[], key: string): unknown[] {
  const out = [...target];
  for (const item of patch) {
    if (!isObject(item)) {
      out.push(item);
      continue;
    }
    const index = out.findIndex((t) => isObject(t) && t[key] === item[key]);
    if (item.$patch === 'delete') {
      if (index >= 0) out.splice(index, 1);
    } else if (index >= 0) out[index] = applyPatch(out[index], item, 'strategic');
    else out.push(applyPatch({}, item, 'strategic'));
  }
  return out;
}
