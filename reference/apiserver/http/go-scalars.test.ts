/**
 * base64 bytes and quantities as the api-server decodes them. The offsets
 * and messages are kube-apiserver v1.37.2's for the same ConfigMap
 * binaryData and Pod resource values.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeGoBase64, decodeQuantity, QUANTITY_FORMAT_ERROR } from './go-scalars.ts';

test('base64 is refused at the byte Go names, and accepted around newlines', () => {
  assert.throws(() => decodeGoBase64('QUJD!'), { message: 'illegal base64 data at input byte 4' });
  assert.throws(() => decodeGoBase64('QUJ'), { message: 'illegal base64 data at input byte 0' });
  assert.throws(() => decodeGoBase64('QQ=x'), { message: 'illegal base64 data at input byte 2' });
  assert.throws(() => decodeGoBase64('QUJD=='), { message: 'illegal base64 data at input byte 4' });
  assert.equal(decodeGoBase64('QU\nJD'), 'QUJD');
  assert.equal(decodeGoBase64(''), '');
});

test('base64 reads back whatever Buffer writes', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
    const text = Buffer.from(bytes).toString('base64');
    assert.equal(decodeGoBase64(text), text);
  }));
});

test('quantities: strings and bare numbers, written back as strings', () => {
  assert.equal(decodeQuantity('500m'), '500m');
  assert.equal(decodeQuantity(2), '2');
  for (const bad of ['lots', {}, '1Xi', '1..2', true, '']) assert.throws(() => decodeQuantity(bad), { message: QUANTITY_FORMAT_ERROR }, JSON.stringify(bad));
  assert.throws(() => decodeQuantity('1mi'), { message: "unable to parse quantity's suffix" });
});
