/**
 * The syntax errors Go's encoding/json reports, byte for byte. Each expected
 * message was read from kube-apiserver v1.37.2's answer to the same body
 * (after its "json parse error: " prefix).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { goQuote } from '../../api/go-strings.ts';
import { goJsonSyntaxError, MAX_NESTING_DEPTH } from './go-json-syntax.ts';

const check = (text: string | Uint8Array) => goJsonSyntaxError(typeof text === 'string' ? Buffer.from(text) : text);

test('reports the first syntax error in the words kube-apiserver uses', () => {
  const cases: Array<[string, string]> = [
    ['{"kind": ', 'unexpected end of JSON input'],
    ['', 'unexpected end of JSON input'],
    [' ', 'unexpected end of JSON input'],
    ['{"a":01}', "invalid character '1' after object key:value pair"],
    ['{"a":1.}', "invalid character '}' after decimal point in numeric literal"],
    ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
    ['{"a":"\\x"}', "invalid character 'x' in string escape code"],
    ['{"a":"\u0001"}', "invalid character '\\x01' in string literal"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['{,}', "invalid character ',' looking for beginning of object key string"],
    ['{"a":-}', "invalid character '}' in numeric literal"],
    ['{"a":1e}', "invalid character '}' in exponent of numeric literal"],
    ['{"a":"\\u12"}', `invalid character '"' in \\u hexadecimal character escape`],
    ['{"a":nul}', "invalid character '}' in literal null (expecting 'l')"],
    ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['{"kind":"x"} x', "invalid character 'x' after top-level value"],
    ['\ufeff{}', "invalid character 'ï' looking for beginning of value"],
  ];
  for (const [body, message] of cases) assert.equal(check(body), message, body);
});

test('a value cut short inside a literal is reported at the space Go feeds at the end', () => {
  assert.equal(check('{"a":tr'), "invalid character ' ' in literal true (expecting 'u')");
  assert.equal(check('{"a":"open'), 'unexpected end of JSON input');
  assert.equal(check('12'), undefined, 'a number ends at the end of input');
});

test('nesting is refused past 10,000 levels, as encoding/json refuses it', () => {
  const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);
  assert.equal(check(nested(MAX_NESTING_DEPTH)), undefined);
  assert.equal(check(nested(MAX_NESTING_DEPTH + 1)), "invalid character '[' exceeded max depth");
  assert.equal(check('{"a":'.repeat(MAX_NESTING_DEPTH + 1) + '1' + '}'.repeat(MAX_NESTING_DEPTH + 1)), "invalid character '{' exceeded max depth");
  assert.equal(check(`{"x":${nested(MAX_NESTING_DEPTH)}}`), "invalid character '[' exceeded max depth", 'the enclosing object counts');
});

test('accepts exactly what JSON.parse accepts, for any JSON text and any mangling of it', () => {
  const parses = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  fc.assert(
    fc.property(fc.json(), fc.nat(), fc.constantFrom('', '}', ']', ',', ':', '"', '\\', 'x', '-', '.', 'e', ' ', '\u0000'), (json, at, insert) => {
      assert.equal(check(json), undefined, json);
      const i = at % (json.length + 1);
      const mangled = json.slice(0, i) + insert + json.slice(i);
      assert.equal(check(mangled) === undefined, parses(mangled), mangled);
    }),
    { numRuns: 2000 },
  );
});

test('quotes the way Go\'s %q does', () => {
  assert.equal(goQuote('a"b\\c\n\u0001é\u00ad'), '"a\\"b\\\\c\\n\\x01é\\u00ad"');
});
