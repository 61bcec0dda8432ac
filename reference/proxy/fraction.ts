/**
 * Exact rationals over BigInt, so the dataplane can multiply the printed
 * `--probability 0.3333333333` values without floating-point drift.
 */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};

export function fraction(num: bigint, den = 1n): Fraction {
  if (den === 0n) throw new RangeError('a fraction needs a non-zero denominator');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

export const ONE = fraction(1n);

/** "0.3333333333" -> 3333333333/10000000000, exactly. */
export function parseDecimal(text: string): Fraction {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`Expected a decimal such as 0.5000000000, got ${JSON.stringify(text)}`);
  const decimals = m[2] ?? '';
  return fraction(BigInt(m[1]! + decimals), 10n ** BigInt(decimals.length));
}

export const mul = (a: Fraction, b: Fraction) => fraction(a.num * b.num, a.den * b.den);
export const add = (a: Fraction, b: Fraction) => fraction(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Fraction, b: Fraction) => fraction(a.num * b.den - b.num * a.den, a.den * b.den);
export const compare = (a: Fraction, b: Fraction) => {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
export const toNumber = (f: Fraction) => Number(f.num) / Number(f.den);
export const format = (f: Fraction) => `${f.num}/${f.den}`;
