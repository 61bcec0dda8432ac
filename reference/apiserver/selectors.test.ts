/**
 * Label and field selectors against kube-apiserver v1.37.2: each row is a
 * selector sent to it in a list of configmaps (or pods, nodes), and its
 * answer: accepted, or refused with 400 and this message.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { isStatusError } from '../../spec/objects/status.ts';
import { fieldSelector, labelSelector } from './selectors.ts';

/** [selector, undefined when accepted, else the message of the 400] */
const LABEL_SELECTORS: Array<[string, string?]> = [
  ["a===b", "unable to parse requirement: found '=', expected: identifier"],
  ["!!", "unable to parse requirement: found '!', expected: identifier"],
  ["a in (b", "unable to parse requirement: found '', expected: ',' or ')'"],
  ["a in b", "unable to parse requirement: found 'b' expected: '('"],
  ["a in ()"],
  ["a notin (,b,)"],
  ["in in (in)"],
  ["a,", "found '', expected: identifier after ','"],
  [",a", "found ',', expected: !, identifier, or 'end of string'"],
  ["a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
  ["a=b=c", "found '=', expected: ',' or 'end of string'"],
  ["a!", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
  ["!a=b", "found '=', expected: ',' or 'end of string'"],
  ["a>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"],
  ["a<1"],
  ["a>1,b<2"],
  ["a gt 1", "unable to parse requirement: found 'gt', expected: in, notin, =, ==, !=, gt, lt"],
  ["a=(b)", "unable to parse requirement: found '(', expected: identifier"],
  ["a=b)", "found ')', expected: ',' or 'end of string'"],
  ["a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'"],
  ["a in (b,c", "unable to parse requirement: found '', expected: ',' or ')'"],
  ["a in (b,,c)"],
  ["x/y/z", "unable to parse requirement: <nil>: Invalid value: \"x/y/z\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"],
  ["/a", "unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty"],
  ["a/", "unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be non-empty; name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"],
  ["Foo.com/b", "unable to parse requirement: <nil>: Invalid value: \"Foo.com/b\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
  ["a.b/c"],
  ["-a", "unable to parse requirement: <nil>: Invalid value: \"-a\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"],
  ["a-", "unable to parse requirement: <nil>: Invalid value: \"a-\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"],
  ["a=-b", "unable to parse requirement: values[0][a]: Invalid value: \"-b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
  ["a=b-", "unable to parse requirement: values[0][a]: Invalid value: \"b-\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
  ["a=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "unable to parse requirement: values[0][a]: Invalid value: \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\": must be no more than 63 bytes"],
  ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "unable to parse requirement: <nil>: Invalid value: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": name part must be no more than 63 bytes"],
  ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "unable to parse requirement: <nil>: Invalid value: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": name part must be no more than 63 bytes"],
  ["a>b", "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer"],
  ["a\tin\t(b)"],
  ["a=="],
  ["a="],
  ["a!="],
  ["=a", "found '=', expected: !, identifier, or 'end of string'"],
  ["(a)", "found '(', expected: !, identifier, or 'end of string'"],
  ["a,,b", "found ',', expected: identifier after ','"],
  ["a in (b)c", "found 'c', expected: ',' or 'end of string'"],
  ["!", "unable to parse requirement: found '', expected: identifier"],
  ["a=\u00e9", "unable to parse requirement: values[0][a]: Invalid value: \"\u00e9\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
  ["\u00e9", "unable to parse requirement: <nil>: Invalid value: \"\u00e9\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"],
  ["a in (\u00e9,b)", "unable to parse requirement: values[1][a]: Invalid value: \"\u00e9\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
  ["a>1x", "unable to parse requirement: values[0]: Invalid value: \"1x\": for 'Gt', 'Lt' operators, the value must be an integer"],
  ["a<99999999999999999999", "unable to parse requirement: values[0]: Invalid value: \"99999999999999999999\": for 'Gt', 'Lt' operators, the value must be an integer"],
  ["x=\u0001", "unable to parse requirement: values[0][x]: Invalid value: \"\\x01\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
  ["k\u0000=v"],
  ["a=\u0000"],
  ["a notin", "unable to parse requirement: found '' expected: '('"],
  ["a notin (", "unable to parse requirement: found '', expected: ',', ')' or identifier"],
  ["!a,!b"],
  ["a=b,!", "unable to parse requirement: found '', expected: identifier"],
  ["a,b=c,!d,e in (f),g notin (h)"],
];

/** [resource, selector, undefined when accepted, else the message of the 400] */
const FIELD_SELECTORS: Array<[string, string, string?]> = [
  ["configmaps", "metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
  ["configmaps", "metadata.name==x"],
  ["configmaps", "metadata.name!=x"],
  ["configmaps", "foo=bar", "\"foo\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""],
  ["configmaps", "=x", "\"\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""],
  ["configmaps", "metadata.name=a=b", "invalid field selector: unescaped character in value: 61"],
  ["configmaps", "metadata.name=a\\=b"],
  ["configmaps", "metadata.name=a\\x", "invalid field selector: invalid escape sequence: \\x"],
  ["configmaps", "metadata.name=a\\", "invalid field selector: invalid escape sequence: \\"],
  ["configmaps", "metadata.name=a,,metadata.namespace=b"],
  ["configmaps", ","],
  ["configmaps", "metadata.namespace=default,x", "invalid selector: 'metadata.namespace=default,x'; can't understand 'x'"],
  ["configmaps", "b=1,a=2", "\"a\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""],
  ["configmaps", "metadata.name=a\\,b"],
  ["configmaps", "metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
  ["pods", "spec.host=x"],
  ["pods", "metadata.namespace=x"],
  ["pods", "spec.unschedulable=true", "field label not supported: spec.unschedulable"],
  ["pods", "status.podIPs=1"],
  ["pods", "zz=1", "field label not supported: zz"],
  ["nodes", "metadata.namespace=x", "field label not supported: metadata.namespace"],
  ["nodes", "spec.unschedulable=false"],
  ["nodes", "zz=1", "field label not supported: zz"],
];

function refusal(parse: () => unknown): string | undefined {
  try {
    parse();
    return undefined;
  } catch (e) {
    assert.ok(isStatusError(e) && e.status.code === 400 && e.status.reason === 'BadRequest', String(e));
    return e.status.message;
  }
}

test('label selectors are accepted or refused as kube-apiserver does, in its words', () => {
  for (const [selector, message] of LABEL_SELECTORS) assert.equal(refusal(() => labelSelector(selector)), message, JSON.stringify(selector));
});

test('field selectors are accepted or refused as kube-apiserver does, per kind', () => {
  for (const [resource, selector, message] of FIELD_SELECTORS) assert.equal(refusal(() => fieldSelector(resource, selector)), message, `${resource} ${JSON.stringify(selector)}`);
});

const labelled = (labels: Record<string, string>, extra: object = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels }, ...extra }) as KubeObject;

test('selectors match as Kubernetes matches them', () => {
  const web = labelled({ app: 'web', tier: 'front', replicas: '3' });
  const cases: Array<[string, boolean]> = [
    ['app=web', true], ['app==web', true], ['app!=web', false], ['env!=prod', true], ['app in (web,db)', true], ['app notin (web)', false],
    ['env notin (prod)', true], ['app', true], ['!app', false], ['!env', true], ['replicas>2', true], ['replicas<3', false], ['app>1', false],
    ['app=web,tier=back', false], ['app in (web),!env,tier', true], ['', true],
  ];
  for (const [selector, matches] of cases) assert.equal(labelSelector(selector)(web), matches, selector);
  const pod = labelled({}, { spec: { nodeName: 'worker-1', hostNetwork: false }, status: { podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] } });
  assert.equal(fieldSelector('pods', 'spec.host=worker-1')(pod), true, 'spec.host is the old name of spec.nodeName');
  assert.equal(fieldSelector('pods', 'spec.hostNetwork=false,status.podIPs=10.0.0.1\\,fd00::1')(pod), true);
  assert.equal(fieldSelector('pods', 'metadata.name!=p')(pod), false);
});

test('any selector text is either parsed or refused with a 400, never anything else', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...'ab=!(),<> \\t01-._/in\u0000é'.split('')), maxLength: 24 }), (text) => {
      for (const parse of [() => labelSelector(text)(labelled({ a: '1' })), () => fieldSelector('pods', text)(labelled({}))]) {
        try {
          parse();
        } catch (e) {
          assert.ok(isStatusError(e) && e.status.code === 400, `${JSON.stringify(text)}: ${e}`);
        }
      }
    }),
    { numRuns: 3000 },
  );
});
