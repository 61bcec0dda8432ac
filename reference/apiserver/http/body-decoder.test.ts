/**
 * The decode step of a create or update, checked against kube-apiserver
 * v1.37.2: every expected message below is what it answered to the same
 * body POSTed to /api/v1/namespaces/default/configmaps (or services, pods,
 * leases), all with code 400 and reason BadRequest.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStatusError } from '../../../spec/objects/status.ts';
import { bodyKindOf, decodeBody, type BodyKind, type DecodeOptions } from './body-decoder.ts';

const CONFIGMAP: BodyKind = { group: '', version: 'v1', kind: 'ConfigMap' };
const SERVICE: BodyKind = { group: '', version: 'v1', kind: 'Service' };
const POD: BodyKind = { group: '', version: 'v1', kind: 'Pod' };
const LEASE: BodyKind = { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' };
const DELETE_OPTIONS: BodyKind = { group: 'meta.k8s.io', version: 'v1', kind: 'DeleteOptions', options: true };

function refusal(body: string | object, target = CONFIGMAP, opts: DecodeOptions = {}): string {
  try {
    decodeBody(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), target, opts);
  } catch (e) {
    assert.ok(isStatusError(e), `not a Status: ${e}`);
    assert.deepEqual([e.status.code, e.status.reason], [400, 'BadRequest']);
    return e.status.message;
  }
  assert.fail(`accepted ${JSON.stringify(body)}`);
}
const UNRECOGNIZED = 'the object provided is unrecognized (must be of type ConfigMap)';
const AS_CONFIGMAP = 'ConfigMap in version "v1" cannot be handled as a ConfigMap';
const FIND_KIND = 'json: cannot unmarshal %s into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

test('a body that is not JSON, or too deep, is unrecognized, with the start of the body', () => {
  assert.equal(refusal('{"kind": '), `${UNRECOGNIZED}: couldn't get version/kind; json parse error: unexpected end of JSON input ({"kind": )`);
  assert.equal(refusal(''), `${UNRECOGNIZED}: couldn't get version/kind; json parse error: unexpected end of JSON input (<empty>)`);
  assert.equal(
    refusal('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"t1"}} x'),
    `${UNRECOGNIZED}: couldn't get version/kind; json parse error: invalid character 'x' after top-level value ({"apiVersion":"v1","kind":"Con ...)`,
  );
  assert.equal(
    refusal('['.repeat(10_001) + ']'.repeat(10_001)),
    `${UNRECOGNIZED}: couldn't get version/kind; json parse error: invalid character '[' exceeded max depth (5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b ...)`,
  );
});

test('a body that is not an object, or whose apiVersion or kind is not a string, is unrecognized', () => {
  assert.equal(refusal('[]'), `${UNRECOGNIZED}: couldn't get version/kind; json parse error: ${FIND_KIND.replace('%s', 'array')} (5b5d)`);
  assert.equal(refusal('"x"'), `${UNRECOGNIZED}: couldn't get version/kind; json parse error: ${FIND_KIND.replace('%s', 'string')} (227822)`);
  assert.equal(refusal('{"kind":5}'), `${UNRECOGNIZED}: couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .kind of type string ({"kind":5})`);
  assert.equal(refusal('{"KIND":5}'), `${UNRECOGNIZED}: couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .kind of type string ({"KIND":5})`, 'keys match regardless of case');
  assert.equal(refusal('{"kind":{}}'), `${UNRECOGNIZED}: couldn't get version/kind; json parse error: json: cannot unmarshal object into Go struct field .kind of type string ({"kind":{}})`);
  assert.equal(refusal({ apiVersion: 'a/b/c', kind: 'ConfigMap' }), `${UNRECOGNIZED}: unexpected GroupVersion string: a/b/c ({"apiVersion":"a/b/c","kind":" ...)`);
});

test('another kind or version cannot be handled as the resource\'s kind', () => {
  assert.equal(refusal({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'c' } }), 'Pod in version "v1" cannot be handled as a ConfigMap: converting (v1.Pod) to (core.ConfigMap): unknown conversion');
  assert.equal(refusal({ apiVersion: 'v2', kind: 'ConfigMap' }), 'ConfigMap in version "v2" cannot be handled as a ConfigMap: no kind "ConfigMap" is registered for version "v2" in scheme "pkg/runtime/scheme.go:111"');
  assert.equal(refusal({ apiVersion: 'apps/v1', kind: 'ConfigMap' }), 'ConfigMap in version "v1" cannot be handled as a ConfigMap: no kind "ConfigMap" is registered for version "apps/v1" in scheme "pkg/runtime/scheme.go:111"');
  assert.equal(refusal({ apiVersion: 'v1', kind: 'Foo' }), 'Foo in version "v1" cannot be handled as a ConfigMap: no kind "Foo" is registered for version "v1" in scheme "pkg/runtime/scheme.go:111"');
});

test('null, an empty object, and absent or empty apiVersion and kind take the resource\'s kind', () => {
  for (const body of ['null', '{}', '{"kind":null,"apiVersion":null}', '{"apiVersion":"","kind":""}', '{"apiVersion":"/"}']) {
    assert.deepEqual(decodeBody(Buffer.from(body), CONFIGMAP).object, { apiVersion: 'v1', kind: 'ConfigMap' }, body);
  }
});

test('a field of the wrong JSON type is refused with Go\'s message for the first one', () => {
  const cm = (extra: object, metadata: object = { name: 'x' }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata, ...extra });
  assert.equal(refusal(cm({}, 'x' as never)), `${AS_CONFIGMAP}: json: cannot unmarshal string into Go struct field ConfigMap.metadata of type v1.ObjectMeta`);
  assert.equal(refusal(cm({}, { name: 5 })), `${AS_CONFIGMAP}: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string`);
  assert.equal(refusal(cm({ data: [] })), `${AS_CONFIGMAP}: json: cannot unmarshal array into Go struct field ConfigMap.data of type map[string]string`);
  assert.equal(refusal(cm({ data: { k: 5 } })), `${AS_CONFIGMAP}: json: cannot unmarshal number into Go struct field ConfigMap.data of type string`);
  assert.equal(refusal(cm({}, { name: 't3', labels: [] })), `${AS_CONFIGMAP}: json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string`);
  assert.equal(refusal(cm({}, { name: 't6', finalizers: 'x' })), `${AS_CONFIGMAP}: json: cannot unmarshal string into Go struct field ObjectMeta.metadata.finalizers of type []string`);
  assert.equal(refusal(cm({}, { name: 't7', ownerReferences: [{ name: 1 }] })), `${AS_CONFIGMAP}: json: cannot unmarshal number into Go struct field OwnerReference.metadata.ownerReferences.name of type string`);
  assert.equal(refusal(cm({ immutable: 'yes' })), `${AS_CONFIGMAP}: json: cannot unmarshal string into Go struct field ConfigMap.immutable of type bool`);
  assert.equal(refusal(cm({}, { name: 't10', generation: 1.5 })), `${AS_CONFIGMAP}: json: cannot unmarshal number 1.5 into Go struct field ObjectMeta.metadata.generation of type int64`);
  assert.equal(refusal(cm({ binaryData: { k: 5 } })), `${AS_CONFIGMAP}: json: cannot unmarshal number into Go struct field ConfigMap.binaryData of type []uint8`);
  assert.equal(refusal(cm({ data: 7 }, { name: 5, labels: 3 })), `${AS_CONFIGMAP}: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string`);
});

test('times, quantities, int-or-strings and base64 bytes are read by their own rules', () => {
  const svc = (port: object) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [port] } });
  const AS_SERVICE = 'Service in version "v1" cannot be handled as a Service';
  assert.equal(refusal(svc({ port: 80, targetPort: 1.5 }), SERVICE), `${AS_SERVICE}: json: cannot unmarshal number 1.5 into Go struct field ServicePort.spec.ports.targetPort of type int32`);
  assert.equal(refusal(svc({ port: 80, targetPort: true }), SERVICE), `${AS_SERVICE}: json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32`);
  assert.equal(refusal(svc({ port: 3_000_000_000 }), SERVICE), `${AS_SERVICE}: json: cannot unmarshal number 3000000000 into Go struct field ServicePort.spec.ports.port of type int32`);
  assert.equal(refusal(svc({ port: '1e3' }), SERVICE), `${AS_SERVICE}: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32`);
  const pod = (cpu: unknown) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu } } }] } });
  const quantityError = "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  for (const cpu of ['lots', {}, true, [], '1Xi', '1..2']) assert.equal(refusal(pod(cpu), POD), quantityError, JSON.stringify(cpu));
  const decodedPod = decodeBody(Buffer.from(JSON.stringify(pod(2))), POD).object as { spec: { containers: Array<{ resources: { requests: { cpu: unknown } } }> } };
  assert.equal(decodedPod.spec.containers[0]!.resources.requests.cpu, '2', 'a quantity is written back as a string');
  const cm = (metadata: object, extra: object = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 't', ...metadata }, ...extra });
  assert.equal(refusal(cm({ deletionTimestamp: '2024-13-01T00:00:00Z' })), `${AS_CONFIGMAP}: parsing time "2024-13-01T00:00:00Z": month out of range`);
  assert.equal(refusal(cm({ creationTimestamp: 5 })), `${AS_CONFIGMAP}: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string`);
  assert.equal(refusal(cm({ name: 5, creationTimestamp: 'x' })), `${AS_CONFIGMAP}: parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"`, 'a failing time stops decoding before the earlier type error is reported');
  assert.equal(refusal(cm({}, { binaryData: { k: 'QUJD!' } })), `${AS_CONFIGMAP}: illegal base64 data at input byte 4`);
  assert.equal(refusal(cm({}, { binaryData: { k: 'QUJ' } })), `${AS_CONFIGMAP}: illegal base64 data at input byte 0`);
  assert.deepEqual((decodeBody(Buffer.from(JSON.stringify(cm({}, { binaryData: { k: 'QU\nJD' } }))), CONFIGMAP).object as { binaryData: unknown }).binaryData, { k: 'QUJD' });
  const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' }, spec: { renewTime: '2024-01-01T00:00:00Z' } };
  assert.equal(refusal(lease, LEASE), 'Lease in version "v1" cannot be handled as a Lease: parsing time "2024-01-01T00:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"');
});

test('unknown fields are dropped and warned about; fieldValidation=Strict refuses them', () => {
  const body = Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 's', foo: 1 }, zzz: [[[1]]], data: { a: 'b' } }));
  const warned = decodeBody(body, CONFIGMAP);
  assert.deepEqual(warned.object, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 's' }, data: { a: 'b' } });
  assert.deepEqual(warned.warnings, ['unknown field "metadata.foo"', 'unknown field "zzz"']);
  assert.deepEqual(decodeBody(body, CONFIGMAP, { fieldValidation: 'Ignore' }).warnings, []);
  assert.equal(refusal(body.toString(), CONFIGMAP, { fieldValidation: 'Strict' }), `${AS_CONFIGMAP}: strict decoding error: unknown field "metadata.foo", unknown field "zzz"`);
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i', bogus: 1 }, { name: 'd', image: 'i', bogus2: 1 }] } };
  assert.equal(refusal(pod, POD, { fieldValidation: 'Strict' }), 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].bogus", unknown field "spec.containers[1].bogus2"');
});

test('YAML bodies are read as JSON after conversion; errors are reported against the YAML text', () => {
  const yaml = (text: string) => refusal(text, CONFIGMAP, { yaml: true });
  assert.match(yaml('a: ['), /^the object provided is unrecognized \(must be of type ConfigMap\): yaml: .* \(613a205b\)$/);
  assert.equal(yaml('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y1\n  labels: [1]\n'), `${AS_CONFIGMAP}: json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string`);
  assert.equal(yaml('- a\n- b'), `${UNRECOGNIZED}: couldn't get version/kind; json parse error: ${FIND_KIND.replace('%s', 'array')} (2d20610a2d2062)`);
  assert.deepEqual(decodeBody(Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y4}\n---\nfoo: bar'), CONFIGMAP, { yaml: true }).object, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'y4' } }, 'only the first document counts');
  assert.deepEqual(decodeBody(Buffer.from(''), CONFIGMAP, { yaml: true }).object, { apiVersion: 'v1', kind: 'ConfigMap' });
});

test('DeleteOptions come in any group\'s version and report errors bare', () => {
  assert.deepEqual(decodeBody(Buffer.from('{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0}'), DELETE_OPTIONS, { wrapErrors: false }).object, { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions', gracePeriodSeconds: 0 });
  assert.equal(refusal('{"gracePeriodSeconds":"x"}', DELETE_OPTIONS, { wrapErrors: false }), 'json: cannot unmarshal string into Go struct field DeleteOptions.gracePeriodSeconds of type int64');
  assert.equal(refusal('zzz', DELETE_OPTIONS, { wrapErrors: false }), "couldn't get version/kind; json parse error: invalid character 'z' looking for beginning of value");
  assert.equal(refusal('{"kind":"Pod"}', DELETE_OPTIONS, { wrapErrors: false }), 'no kind "Pod" is registered for version "meta.k8s.io/v1" in scheme "pkg/runtime/scheme.go:111"');
});

test('fields named like Object.prototype members are unknown fields, and a `__proto__` key is data', () => {
  const body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"p","constructor":1},"toString":"x","data":{"__proto__":"v","hasOwnProperty":"w"}}';
  const decoded = decodeBody(Buffer.from(body), CONFIGMAP);
  assert.deepEqual(decoded.warnings, ['unknown field "metadata.constructor"', 'unknown field "toString"']);
  assert.deepEqual(JSON.parse(JSON.stringify(decoded.object)).data, JSON.parse('{"__proto__":"v","hasOwnProperty":"w"}'));
});

test('managedFields the field manager cannot read are dropped, not refused', () => {
  const withFields = (fieldsV1: unknown) => Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm', managedFields: [{ manager: 'x', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1 }] } }));
  const kept = (fieldsV1: unknown) => 'managedFields' in (decodeBody(withFields(fieldsV1), CONFIGMAP).object.metadata as object);
  assert.equal(kept({ 'f:data': { '.': {}, 'f:k': {} } }), true);
  assert.equal(kept('abc'), false);
  assert.equal(kept([[[]]]), false);
  assert.equal(kept({ 'x:data': {} }), false);
});

test("an eviction is read as policy/v1, or as policy/v1beta1 (kubectl 1.20 drains with it), and as no other version", () => {
  const eviction = bodyKindOf({ group: '', version: 'v1', kind: 'Pod' } as never, 'eviction');
  const body = (apiVersion: string) => Buffer.from(JSON.stringify({ apiVersion, kind: 'Eviction', metadata: { name: 'web', namespace: 'default' } }));
  for (const apiVersion of ['policy/v1', 'policy/v1beta1']) {
    assert.deepEqual(decodeBody(body(apiVersion), eviction).object, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web', namespace: 'default' } });
  }
  assert.equal(
    refusal(body('policy/v2').toString(), eviction),
    'Eviction in version "v2" cannot be handled as a Eviction: no kind "Eviction" is registered for version "policy/v2" in scheme "pkg/runtime/scheme.go:111"',
  );
});
