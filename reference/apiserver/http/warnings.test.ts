/** Warning headers, as kube-apiserver's warning recorder writes them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { warningHeaders } from './warnings.ts';

test('each text once, quoted with backslashes, none with a control character', () => {
  assert.deepEqual(warningHeaders(['unknown field "zq"', 'unknown field "zq"', 'bad\u0001text', 'a\\b']), ['299 - "unknown field \\"zq\\""', '299 - "a\\\\b"']);
});

test('text is sent as its UTF-8 bytes, as Go sends it', () => {
  const [header] = warningHeaders(['unknown field "日本"']);
  assert.equal(Buffer.from(header!, 'latin1').toString('utf8'), '299 - "unknown field \\"日本\\""');
});

test('past 4,096 characters in all, every text is cut to 256', () => {
  const long = Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(300, 'x'));
  const headers = warningHeaders(long);
  assert.equal(headers.length, 20);
  for (const h of headers) assert.equal(h.length, '299 - ""'.length + 256);
  assert.equal(warningHeaders(['short']).at(0), '299 - "short"');
});
