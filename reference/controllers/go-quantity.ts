/**
 * resource.ParseQuantity's int64 form, as go-spew prints a Quantity: the
 * scaled integer (value, scale), the string it caches (only for forms that
 * are already canonical), and its Format. Quantities too precise for an
 * int64 (Kubernetes keeps those as inf.Dec) are out of scope: they come
 * back with the digits they were written with, so a template holding one
 * hashes differently from Kubernetes.
 *
 * Examples: "250m" is 250 at scale -3 with s "250m"; "64Mi" is 67108864
 * at scale 0 with no s (64 is a multiple of 8, so not canonical); "1Gi" is
 * 1073741824 with s "1Gi".
 */
export interface GoQuantity {
  value: number | bigint;
  scale: number;
  s: string;
  format: 'DecimalSI' | 'BinarySI' | 'DecimalExponent';
}

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const MAX_INT64_FACTORS = 18;
const INT64_MAX = 2n ** 63n - 1n;

export function parseQuantity(str: string): GoQuantity | undefined {
  if (str === '0') return { value: 0, scale: 0, s: '0', format: 'DecimalSI' };
  const m = /^([+-]?)0*([0-9]*)(?:\.([0-9]*))?([a-zA-Z]*|[eE][+-]?[0-9]+)$/.exec(str);
  if (!m) return undefined;
  const [, sign, numRaw = '', denom = '', suffix = ''] = m;
  const num = numRaw === '' ? '0' : numRaw;
  let format: GoQuantity['format'];
  let exponent: number;
  let mantissa = 1n;
  let precision: number;
  if (suffix in BINARY) {
    format = 'BinarySI';
    exponent = BINARY[suffix]!;
    if (denom.length) return undefined;
    mantissa = 1n << BigInt(exponent);
    precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
  } else if (suffix in DECIMAL) {
    format = 'DecimalSI';
    exponent = DECIMAL[suffix]!;
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  } else if (/^[eE]/.test(suffix)) {
    format = 'DecimalExponent';
    exponent = Number(suffix.slice(1));
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  } else return undefined;
  const scale = (format === 'BinarySI' ? 0 : exponent) - denom.length;
  if (precision < 0 || scale < -9) return undefined;
  const shifted = num + denom;
  const digits = BigInt(shifted);
  const product = digits * mantissa;
  if (product > INT64_MAX) return undefined;
  const result = sign === '-' ? -product : product;
  const value = Number.isSafeInteger(Number(result)) ? Number(result) : result;
  // ParseQuantity keeps the string only where it is already the canonical form.
  const canonical =
    format === 'BinarySI' ? exponent % 10 === 0 && (digits & 7n) !== 0n : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  return { value, scale, s: canonical ? str : '', format };
}
