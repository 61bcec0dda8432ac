/**
 * Go's string helpers Kubernetes' messages depend on: strconv.Quote (the %q verb),
 * which prints values as `Invalid value: "a\tb"` (printable runes stay as they are,
 * the rest are escaped as Go escapes them), and strings.EqualFold.
 */

const SHORT_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"' };

/** strconv.Quote without the surrounding quotes. */
export function goQuoteRunes(text: string): string {
  let out = '';
  for (const ch of text) {
    const short = SHORT_ESCAPES[ch];
    if (short) out += short;
    // unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) out += ch;
    else {
      const cp = ch.codePointAt(0)!;
      out += cp < 0x80 ? `\\x${cp.toString(16).padStart(2, '0')}` : cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`;
    }
  }
  return out;
}

/** strconv.Quote: `"text"`. */
export const goQuote = (text: string) => `"${goQuoteRunes(text)}"`;

/** strings.EqualFold against an ASCII word, with Go's simple case folding (the Kelvin sign folds to k, the long s to s). */
export const equalFoldAscii = (text: string, word: string) => text.replace(/\u212a/g, 'k').replace(/\u017f/g, 's').toLowerCase() === word.toLowerCase();
