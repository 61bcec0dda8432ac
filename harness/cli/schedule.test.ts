/** `kubespec schedule`: the same decision as the scheduler, from files; bad files give one clear line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROFILES } from '../../reference/scheduler/profiles.ts';
import { formatTable, scheduleFromFiles } from './schedule.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'kubespec-schedule-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const node = (name: string, cpu: string, memory: string, extra = '') =>
  `apiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\n${extra}status:\n  allocatable: {cpu: "${cpu}", memory: ${memory}, pods: "110"}\n`;
const pod = (name: string, cpu: string, memory: string, nodeName?: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n${nodeName ? `  nodeName: ${nodeName}\n` : ''}  containers:\n    - name: app\n      image: nginx:1.27\n      resources: {requests: {cpu: "${cpu}", memory: ${memory}}}\n`;

const cluster = file(
  'cluster.yaml',
  [node('small', '1', '8Gi'), node('busy', '8', '16Gi'), node('tainted', '8', '16Gi', 'spec:\n  taints: [{key: node.kubernetes.io/unreachable, effect: NoSchedule}]\n'), node('idle', '4', '8Gi'), pod('batch', '6', '4Gi', 'busy')].join('---\n'),
);
const web = file('pod.yaml', pod('web', '2', '2Gi'));

test('reads nodes and their bound pods, and explains each node', () => {
  const e = scheduleFromFiles({ clusterFile: cluster, podFile: web });
  assert.deepEqual(
    e.nodes.map((n) => [n.name, n.feasible, n.reasons, n.total]),
    [
      ['small', false, ['Insufficient cpu'], null],
      ['busy', true, [], 31], // cpu (8000 - 8000) -> 0; memory (16 - 6) * 100 / 16 = 62; 31
      ['tainted', false, ['node(s) had untolerated taint(s)'], null],
      ['idle', true, [], 62], // cpu 50, memory 75
    ],
  );
  assert.equal(e.selected, 'idle');
});

test('the table shows verdicts, each plugin\'s score, the total and the choice', () => {
  const table = formatTable(scheduleFromFiles({ clusterFile: cluster, podFile: web, profile: PROFILES.kubernetes }), PROFILES.kubernetes);
  const lines = table.split('\n');
  assert.match(lines[0]!, /^NODE\s+FITS\s+REASONS\s+NodeResourcesLeastAllocated\s+NodeResourcesBalancedAllocation\s+TOTAL$/);
  assert.match(lines[4]!, /^idle \*\s+yes\s+-\s+62\s+87\s+149$/);
  assert.equal(lines.at(-1), 'selected: idle');
});

test('a pod that fits nowhere is reported with Kubernetes\' message', () => {
  const e = scheduleFromFiles({ clusterFile: cluster, podFile: file('huge.yaml', pod('huge', '64', '1Gi')) });
  assert.equal(e.selected, null);
  assert.match(formatTable(e, PROFILES.note), /selected: none \(0\/4 nodes are available: 1 node\(s\) had untolerated taint\(s\), 3 Insufficient cpu.\)/);
});

test('a pod with a nodeSelector is placed only on a labelled node, and the table says why the others are not', () => {
  const labelled = file('labelled.yaml', [node('big', '8', '16Gi'), node('ssd', '2', '4Gi').replace('{name: ssd}', '{name: ssd, labels: {disk: ssd}}')].join('---\n'));
  const ssdPod = file('ssd-pod.yaml', pod('web', '1', '1Gi').replace('spec:\n', 'spec:\n  nodeSelector: {disk: ssd}\n'));
  const e = scheduleFromFiles({ clusterFile: labelled, podFile: ssdPod });
  assert.deepEqual(e.nodes.map((n) => [n.name, n.feasible, n.reasons]), [['big', false, ["node(s) didn't match Pod's node affinity/selector"]], ['ssd', true, []]]);
  assert.equal(e.selected, 'ssd');
  assert.match(formatTable(e, PROFILES.note).split('\n')[1]!, /^big\s+no\s+node\(s\) didn't match Pod's node affinity\/selector\s+-\s+-$/);
});

function runCli(...args: string[]) {
  return spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../../bin/kubespec.mjs'), 'schedule', ...args], { encoding: 'utf8' });
}

test('-o json prints nodes and the selected node', () => {
  const out = runCli('-f', cluster, web, '-o', 'json');
  assert.equal(out.status, 0, out.stderr);
  const json = JSON.parse(out.stdout);
  assert.deepEqual(Object.keys(json), ['nodes', 'selected']);
  assert.deepEqual(json.nodes[3], { name: 'idle', feasible: true, reasons: [], scores: { NodeResourcesLeastAllocated: 62 }, total: 62 });
});

test('bad input files give one clear error line and exit code 2, never a stack trace', () => {
  const cases: Array<[string, RegExp]> = [
    [file('bad-quantity.yaml', node('a', 'lots', '1Gi')), /node "a": Expected a quantity such as 500m or 1Gi, got "lots"/],
    [file('bad-yaml.yaml', 'kind: Node\nmetadata: {name: a\n'), /document 1 is not valid YAML/],
    [file('service.yaml', 'kind: Service\nmetadata: {name: a}\n'), /expected kind Node or Pod, got "Service"/],
    [file('orphan.yaml', pod('p', '1', '1Gi', 'ghost')), /a pod is bound to node "ghost", which the file does not define/],
    [path.join(dir, 'missing.yaml'), /cannot read/],
  ];
  for (const [clusterFile, message] of cases) {
    const out = runCli('-f', clusterFile, web);
    assert.equal(out.status, 2);
    assert.equal(out.stdout, '');
    assert.equal(out.stderr.trim().split('\n').length, 1, out.stderr);
    assert.match(out.stderr, message);
  }
});
