/**
 * The JSON values Kubernetes decodes with their own rules: base64 `[]byte`
 * (Go's base64.StdEncoding) and resource.Quantity, with the errors Go gives.
 */
import { isQuantity } from '../../api/quantity.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const isNewline = (b: number | undefined) => b === 0x0a || b === 0x0d;

/**
 * Go's base64.StdEncoding.Decode: padding required, \r and \n skipped. Returns
 * the canonical encoding of the decoded bytes, or throws `illegal base64 data
 * at input byte N` with Go's offset.
 */
export function decodeGoBase64(text: string): string {
  const src = Buffer.from(text, 'utf8');
  const corrupt = (at: number): never => {
    throw new Error(`illegal base64 data at input byte ${at}`);
  };
  let si = 0;
  const out: number[] = [];
  while (si < src.length) {
    const quantum: number[] = [];
    let ended = false;
    while (quantum.length < 4) {
      if (si === src.length) {
        if (quantum.length === 0) {
          ended = true;
          break;
        }
        corrupt(si - quantum.length);
      }
      const c = src[si++]!;
      const v = ALPHABET.indexOf(String.fromCharCode(c));
      if (v >= 0 && c < 0x80) {
        quantum.push(v);
        continue;
      }
      if (isNewline(c)) continue;
      if (c !== 0x3d) corrupt(si - 1);
      // Padding: "==" after two symbols, "=" after three, then only newlines.
      if (quantum.length < 2) corrupt(si - 1);
      if (quantum.length === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) corrupt(src.length);
        if (src[si] !== 0x3d) corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) corrupt(si);
      ended = true;
      break;
    }
    if (quantum.length) {
      const [a = 0, b = 0, c = 0, d = 0] = quantum;
      const bits = (a << 18) | (b << 12) | (c << 6) | d;
      out.push(...[(bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff].slice(0, quantum.length - 1));
    }
    if (ended) break;
  }
  return Buffer.from(out).toString('base64');
}

export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** resource.Quantity's UnmarshalJSON: a string or a bare number; the api-server always writes it back as a string. */
export function decodeQuantity(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  if (isQuantity(text)) return typeof value === 'string' ? value : text;
  const wellFormedNumber = /^[+-]?(\d+(\.\d*)?|\.\d+)[eEinumkKMGTP]*[-+]?\d*$/.test(text);
  throw new Error(wellFormedNumber && /[eEinumkKMGTP]/.test(text) ? "unable to parse quantity's suffix" : QUANTITY_FORMAT_ERROR);
}
