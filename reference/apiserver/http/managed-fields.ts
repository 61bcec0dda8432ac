/**
 * metadata.managedFields as kube-apiserver's field manager takes them from a
 * client: when any entry does not decode (a fieldsType other than FieldsV1,
 * a fieldsV1 that is not a field set), the whole list is dropped and the
 * request goes on, rather than failing. A field set is structured-merge-diff's
 * trie: an object whose keys are `.` (mapping to {}) or `f:`, `v:`, `k:`, `i:`
 * paths, each mapping to another field set.
 */

/** Deeper than any object a field set can describe here; such a set is not kept. */
const MAX_DEPTH = 1000;

function isFieldSet(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const [key, child] of Object.entries(value)) {
    if (key === '.') {
      if (child === null || typeof child !== 'object' || Array.isArray(child) || Object.keys(child).length) return false;
      continue;
    }
    const [prefix, rest] = [key.slice(0, 2), key.slice(2)];
    if (prefix === 'i:' && !/^-?\d+$/.test(rest)) return false;
    if (prefix === 'k:' || prefix === 'v:') {
      try {
        const parsed = JSON.parse(rest) as unknown;
        if (prefix === 'k:' && (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))) return false;
      } catch {
        return false;
      }
    } else if (prefix !== 'f:' && prefix !== 'i:') return false;
    if (!isFieldSet(child, depth + 1)) return false;
  }
  return true;
}

const validEntry = (entry: unknown) => {
  if (entry === null || typeof entry !== 'object') return false;
  const { fieldsType, fieldsV1 } = entry as { fieldsType?: unknown; fieldsV1?: unknown };
  return fieldsType === 'FieldsV1' && (fieldsV1 === undefined || isFieldSet(fieldsV1, 0));
};

/** Drops `metadata.managedFields` from a decoded object or patch when the field manager could not read them. */
export function dropUnreadableManagedFields(object: Record<string, unknown>): void {
  const metadata = object.metadata as { managedFields?: unknown } | null | undefined;
  if (!metadata || typeof metadata !== 'object' || metadata.managedFields === undefined || metadata.managedFields === null) return;
  if (!Array.isArray(metadata.managedFields) || !metadata.managedFields.every(validEntry)) delete metadata.managedFields;
}
