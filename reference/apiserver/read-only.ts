/**
 * What the watch cache hands its watchers is one object per change, shared
 * by all of them, so it is frozen: client-go's rule for objects from an
 * informer's cache ("never mutate them; change a copy") is enforced here
 * rather than trusted. A component that wants to change one copies it.
 */
export function readOnly<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key in value) readOnly((value as Record<string, unknown>)[key]);
  }
  return value;
}
