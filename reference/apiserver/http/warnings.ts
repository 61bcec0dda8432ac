/**
 * Warning headers as kube-apiserver's warning recorder writes them
 * (endpoints/filters/warning.go): `299 - "unknown field \"spec.foo\""`,
 * each text once, none with a control character, and, once the texts pass
 * 4,096 characters in all, every one cut to 256 characters. Header bytes are
 * the text's UTF-8, as Go writes them.
 */

const TRUNCATE_AT_TOTAL_RUNES = 4 * 1024;
const TRUNCATE_ITEM_RUNES = 256;

/** net.NewWarningHeader's quoting: backslash before `"` and `\`. */
const header = (text: string) => Buffer.from(`299 - "${text.replace(/["\\]/g, '\\$&')}"`, 'utf8').toString('latin1');
const runes = (text: string) => [...text];
// A lone surrogate becomes U+FFFD in the UTF-8, as Go's decoder already made it.
const writable = (text: string) => text.length > 0 && !/\p{Cc}/u.test(text);

/** The Warning header values for these warning texts, in order. */
export function warningHeaders(texts: readonly string[]): string[] {
  const ordered = [...new Set(texts)].filter(writable);
  const total = ordered.reduce((n, t) => n + runes(t).length, 0);
  if (total <= TRUNCATE_AT_TOTAL_RUNES) return ordered.map(header);
  return ordered.map((t) => header(runes(t).slice(0, TRUNCATE_ITEM_RUNES).join('')));
}
