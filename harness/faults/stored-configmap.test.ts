/**
 * A stored ConfigMap's `data.v`, as `kubespec serve` stores it (JSON) and
 * as kube-apiserver does (Kubernetes protobuf: "k8s\0", then a
 * runtime.Unknown whose `raw` is the ConfigMap), built here field by field.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storedConfigMapValue } from './stored-configmap.ts';

/** One length-delimited protobuf field (wire type 2); lengths here stay below 128, one varint byte. */
const field = (n: number, body: Buffer | string) => {
  const bytes = Buffer.from(body);
  return Buffer.concat([Buffer.from([(n << 3) | 2, bytes.length]), bytes]);
};
const entry = (key: string, value: string) => field(2, Buffer.concat([field(1, key), field(2, value)]));

test('a ConfigMap stored as JSON', () => {
  assert.equal(storedConfigMapValue(Buffer.from(JSON.stringify({ kind: 'ConfigMap', data: { v: 'c1-7' } }))), 'c1-7');
  assert.equal(storedConfigMapValue(Buffer.from(JSON.stringify({ kind: 'ConfigMap' }))), '');
});

test('a ConfigMap stored as Kubernetes protobuf: typeMeta, then raw with metadata and the data map', () => {
  const typeMeta = field(1, Buffer.concat([field(1, 'v1'), field(2, 'ConfigMap')]));
  const configMap = Buffer.concat([field(1, field(1, 'none-0')), entry('other', 'x'), entry('v', 'c4-12'), Buffer.from([0x20, 0x01])]);
  const unknown = Buffer.concat([typeMeta, field(2, configMap), field(4, '')]);
  assert.equal(storedConfigMapValue(Buffer.concat([Buffer.from('k8s\0', 'latin1'), unknown])), 'c4-12');
  assert.equal(storedConfigMapValue(Buffer.concat([Buffer.from('k8s\0', 'latin1'), typeMeta, field(2, field(1, field(1, 'x')))])), '');
});
