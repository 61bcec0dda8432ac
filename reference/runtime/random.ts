/** Seeded randomness (DESIGN.md rule 4): the same seed gives the same cluster, tie-break for tie-break. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A UUID-shaped id, for metadata.uid. */
  uuid(): string;
}

const HEX_DIGITS = '0123456789abcdef';

/** mulberry32: small, fast, and good enough for tie-breaks and uids. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number) => {
    let out = '';
    for (let i = 0; i < n; i++) out += HEX_DIGITS[Math.floor(next() * 16)];
    return out;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(next() * 4)]}${hex(3)}-${hex(12)}`,
  };
}
