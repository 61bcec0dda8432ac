/**
 * Resource quantities (`500m`, `2`, `1Gi`, `128M`), as resource.Quantity
 * parses them. CPU is compared in millicores, everything else in units.
 */
const SUFFIX: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1,
  k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

const PATTERN = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(e[+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** Kubernetes' own wording for a quantity it cannot read. */
export const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

export function isQuantity(text: unknown): boolean {
  return (typeof text === 'string' && PATTERN.test(text)) || (typeof text === 'number' && Number.isFinite(text));
}

/** The value in base units (cores, bytes, pods); throws on malformed input. */
export function parseQuantity(text: string | number): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) throw new RangeError(`Expected a finite quantity, got ${text}`);
    return text;
  }
  const m = PATTERN.exec(text);
  if (!m) throw new RangeError(`Expected a quantity such as 500m or 1Gi, got ${JSON.stringify(text)}`);
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  return base * SUFFIX[m[3] ?? '']!;
}

/** CPU in whole millicores, rounded up as Kubernetes' MilliValue does. */
export function milliCPU(text: string | number): number {
  return Math.ceil(Math.round(parseQuantity(text) * 1e6) / 1e3);
}

/** Memory, storage, pods: whole units, rounded up. */
export function units(text: string | number): number {
  return Math.ceil(parseQuantity(text));
}

/** `cpu` is counted in millicores; every other resource in whole units. */
export function resourceAmount(resource: string, text: string | number): number {
  return resource === 'cpu' ? milliCPU(text) : units(text);
}
