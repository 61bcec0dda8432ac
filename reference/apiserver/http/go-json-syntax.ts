/**
 * The syntax check Go's encoding/json runs before it decodes anything
 * (encoding/json/scanner.go; sigs.k8s.io/json carries the same scanner), so
 * a malformed body gets the api-server's own words:
 *   `invalid character '}' looking for beginning of object key string`
 *   `unexpected end of JSON input`
 *   `invalid character '[' exceeded max depth`   (more than 10,000 levels)
 * It reads the body's bytes, as Go does, so a byte that is not ASCII is
 * quoted the way Go quotes it ('ï' for 0xEF).
 */
import { goQuoteRunes } from '../../api/go-strings.ts';

/** encoding/json's maxNestingDepth: the 10,001st open bracket or brace is an error. */
export const MAX_NESTING_DEPTH = 10_000;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** Go's quoteChar: one byte as `'x'`, escaped the way strconv.Quote escapes the rune of that value. */
export function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  return `'${goQuoteRunes(String.fromCharCode(c))}'`;
}

type Container = 'objectKey' | 'objectValue' | 'arrayValue';
type Step = (c: number) => void;

class SyntaxError extends Error {}

/**
 * Go's error message for the first syntax error in `bytes`, or undefined
 * when they hold exactly one JSON value (with surrounding white space).
 */
export function goJsonSyntaxError(bytes: Uint8Array): string | undefined {
  const stack: Container[] = [];
  let endTop = false;
  const fail = (c: number, context: string): never => {
    throw new SyntaxError(`invalid character ${quoteChar(c)} ${context}`);
  };
  const push = (c: number, kind: Container, next: Step) => {
    stack.push(kind);
    if (stack.length > MAX_NESTING_DEPTH) fail(c, 'exceeded max depth');
    step = next;
  };

  const endValue: Step = (c) => {
    const n = stack.length;
    if (n === 0) {
      endTop = true;
      return endTopLevel(c);
    }
    if (isSpace(c)) return void (step = endValue);
    switch (stack[n - 1]) {
      case 'objectKey':
        if (c === 0x3a) return void ((stack[n - 1] = 'objectValue'), (step = beginValue));
        return fail(c, 'after object key');
      case 'objectValue':
        if (c === 0x2c) return void ((stack[n - 1] = 'objectKey'), (step = beginString));
        if (c === 0x7d) return void (stack.pop(), (step = endValue));
        return fail(c, 'after object key:value pair');
      default:
        if (c === 0x2c) return void (step = beginValue);
        if (c === 0x5d) return void (stack.pop(), (step = endValue));
        return fail(c, 'after array element');
    }
  };
  const endTopLevel: Step = (c) => {
    if (!isSpace(c)) fail(c, 'after top-level value');
    step = endTopLevel;
  };
  const beginValue: Step = (c) => {
    if (isSpace(c)) return;
    switch (c) {
      case 0x7b: return push(c, 'objectKey', beginStringOrEmpty);
      case 0x5b: return push(c, 'arrayValue', beginValueOrEmpty);
      case 0x22: return void (step = inString);
      case 0x2d: return void (step = negative);
      case 0x30: return void (step = zero);
      case 0x74: return void (step = literal('true', 1));
      case 0x66: return void (step = literal('false', 1));
      case 0x6e: return void (step = literal('null', 1));
    }
    if (c >= 0x31 && c <= 0x39) return void (step = integer);
    fail(c, 'looking for beginning of value');
  };
  const beginValueOrEmpty: Step = (c) => {
    if (isSpace(c)) return;
    if (c === 0x5d) return endValue(c);
    beginValue(c);
  };
  const beginStringOrEmpty: Step = (c) => {
    if (isSpace(c)) return;
    if (c === 0x7d) {
      stack[stack.length - 1] = 'objectValue';
      return endValue(c);
    }
    beginString(c);
  };
  const beginString: Step = (c) => {
    if (isSpace(c)) return;
    if (c === 0x22) return void (step = inString);
    fail(c, 'looking for beginning of object key string');
  };
  const inString: Step = (c) => {
    if (c === 0x22) return void (step = endValue);
    if (c === 0x5c) return void (step = inEscape);
    if (c < 0x20) fail(c, 'in string literal');
  };
  const inEscape: Step = (c) => {
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) return void (step = inString);
    if (c === 0x75) return void (step = unicodeEscape(4));
    fail(c, 'in string escape code');
  };
  const unicodeEscape = (left: number): Step => (c) => {
    if (!isHex(c)) fail(c, 'in \\u hexadecimal character escape');
    step = left === 1 ? inString : unicodeEscape(left - 1);
  };
  const negative: Step = (c) => {
    if (c === 0x30) return void (step = zero);
    if (c >= 0x31 && c <= 0x39) return void (step = integer);
    fail(c, 'in numeric literal');
  };
  const integer: Step = (c) => (isDigit(c) ? undefined : zero(c));
  const zero: Step = (c) => {
    if (c === 0x2e) return void (step = dot);
    if (c === 0x65 || c === 0x45) return void (step = exponent);
    endValue(c);
  };
  const dot: Step = (c) => {
    if (isDigit(c)) return void (step = fraction);
    fail(c, 'after decimal point in numeric literal');
  };
  const fraction: Step = (c) => {
    if (isDigit(c)) return;
    if (c === 0x65 || c === 0x45) return void (step = exponent);
    endValue(c);
  };
  const exponent: Step = (c) => {
    if (c === 0x2b || c === 0x2d) return void (step = exponentSign);
    exponentSign(c);
  };
  const exponentSign: Step = (c) => {
    if (isDigit(c)) return void (step = exponentDigits);
    fail(c, 'in exponent of numeric literal');
  };
  const exponentDigits: Step = (c) => (isDigit(c) ? undefined : endValue(c));
  const literal = (word: string, at: number): Step => (c) => {
    if (c !== word.charCodeAt(at)) fail(c, `in literal ${word} (expecting ${quoteChar(word.charCodeAt(at))})`);
    step = at + 1 === word.length ? endValue : literal(word, at + 1);
  };

  let step: Step = beginValue;
  try {
    for (const c of bytes) step(c);
    // Go's scanner.eof: a trailing space ends a number; anything still open is cut short.
    if (!endTop) step(0x20);
    return endTop ? undefined : 'unexpected end of JSON input';
  } catch (e) {
    if (e instanceof SyntaxError) return e.message;
    throw e;
  }
}
