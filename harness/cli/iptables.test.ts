/** `kubespec iptables`: manifests in, kube-proxy's rules out; bad input gets one clear line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesForManifests } from './iptables.ts';

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  clusterIP: 10.96.0.41
  ports: [{name: p80, port: 80}]
`;

test('Service and Endpoints manifests give the chains real kube-proxy names', async () => {
  const rules = await rulesForManifests(`${SERVICE}---
apiVersion: v1
kind: Endpoints
metadata: {name: svc1, namespace: ns1}
subsets: [{addresses: [{ip: 10.180.0.1}], ports: [{name: p80, port: 80}]}]
`);
  assert.match(rules, /^-A KUBE-SERVICES -m comment --comment "ns1\/svc1:p80 cluster IP" -m tcp -p tcp -d 10\.96\.0\.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O$/m);
  assert.match(rules, /^-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1\/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10\.180\.0\.1:80$/m);
});

test('EndpointSlice manifests are merged by their service-name label, and only ready endpoints get rules', async () => {
  const slice = (name: string, ip: string, ready: boolean) => `---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: ${name}, namespace: ns1, labels: {kubernetes.io/service-name: svc1}}
addressType: IPv4
endpoints: [{addresses: [${ip}], conditions: {ready: ${ready}}}]
ports: [{name: p80, port: 80, protocol: TCP}]
`;
  const rules = await rulesForManifests(`${SERVICE}${slice('svc1-aaaaa', '10.180.0.1', true)}${slice('svc1-bbbbb', '10.180.0.2', true)}${slice('svc1-ccccc', '10.180.0.3', false)}`);
  assert.match(rules, /^-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1\/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10\.180\.0\.1:80$/m);
  assert.match(rules, /--to-destination 10\.180\.0\.2:80$/m);
  assert.doesNotMatch(rules, /10\.180\.0\.3/);
});

test('pods stand in for Endpoints: only ready ones, on their named port', async () => {
  const pod = (name: string, ready: string) => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ns1, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 8080}]}]}
status: {podIP: 10.244.1.${name.length}, conditions: [{type: Ready, status: "${ready}"}]}
`;
  const rules = await rulesForManifests(`${SERVICE.replace('ports: [{name: p80, port: 80}]', 'selector: {app: web}\n  ports: [{name: p80, port: 80, targetPort: http}]')}${pod('a', 'True')}${pod('bb', 'False')}`);
  assert.match(rules, /--to-destination 10\.244\.1\.1:8080$/m);
  assert.doesNotMatch(rules, /10\.244\.1\.2/);
});

test('a Service with no endpoints is rejected in the filter table', async () => {
  assert.match(await rulesForManifests(SERVICE), /^-A KUBE-SERVICES -m comment --comment "ns1\/svc1:p80 has no endpoints" -m tcp -p tcp -d 10\.96\.0\.41 --dport 80 -j REJECT$/m);
});

test('bad input is refused with one line that says what is wrong', async () => {
  await assert.rejects(rulesForManifests('kind: [', 'x.yaml'), /^Error: x\.yaml is not valid YAML/);
  await assert.rejects(rulesForManifests('kind: Deployment\nmetadata: {name: d}\n', 'x.yaml'), /unsupported kind "Deployment"/);
  await assert.rejects(rulesForManifests('kind: Service\nmetadata: {name: s}\nspec: {clusterIP: 10.0.0.1, ports: [{port: 80}]}\n', 'x.yaml'), /the provided network does not match the current range/);
  await assert.rejects(rulesForManifests('kind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n', 'x.yaml'), /has no Service/);
  await assert.rejects(rulesForManifests('metadata: {name: p}\n', 'x.yaml'), /needs a kind/);
});
