/**
 * `kubespec schedule -f cluster.yaml pod.yaml [-o table|json] [--profile note|kubernetes]`:
 * explains where the scheduler would place a pod. The cluster file holds
 * Node manifests (capacity in status.allocatable: cpu, memory, pods) and the
 * Pods already bound to them (spec.nodeName). The decision comes from the
 * same framework code the running scheduler uses (reference/scheduler/evaluate.ts).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';
import type { Node } from '../../spec/objects/node.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import { evaluate, type Evaluation } from '../../reference/scheduler/evaluate.ts';
import { explanationOf } from '../../reference/scheduler/explanation.ts';
import { nodeInfoOf } from '../../reference/scheduler/framework/node-info.ts';
import { podInfo, type PodInfo } from '../../reference/scheduler/framework/pod-info.ts';
import { PROFILES, profileNamed, type Profile } from '../../reference/scheduler/profiles.ts';
import type { Command } from './kubespec.ts';

interface Manifest {
  kind?: unknown;
  metadata?: { name?: unknown };
  spec?: Record<string, unknown>;
}

function readManifests(file: string): Manifest[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`cannot read ${file}`);
  }
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) throw new Error(`${file}: no YAML documents`);
  const out: Manifest[] = [];
  for (const [i, doc] of docs.entries()) {
    if (doc.errors.length) throw new Error(`${file}: document ${i + 1} is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]!.replace(/:$/, '')}`);
    const obj = doc.toJS() as Manifest | null;
    if (obj === null || obj === undefined) continue;
    if (typeof obj !== 'object' || typeof obj.metadata?.name !== 'string') throw new Error(`${file}: document ${i + 1} is not a manifest with metadata.name`);
    out.push(obj);
  }
  return out;
}

/** Turns a quantity error into one that says which object it came from. */
function described<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function asPod(m: Manifest, where: string): Pod {
  if (!Array.isArray(m.spec?.containers)) throw new Error(`${where}: pod "${m.metadata?.name}" has no spec.containers`);
  return m as unknown as Pod;
}

export interface ScheduleInput {
  clusterFile: string;
  podFile: string;
  profile?: Profile;
}

/** Reads the files and evaluates the pod: the whole command but the printing. */
export function scheduleFromFiles(input: ScheduleInput): Evaluation {
  const nodes: Node[] = [];
  const bound = new Map<string, PodInfo[]>();
  for (const m of readManifests(input.clusterFile)) {
    if (m.kind === 'Node') nodes.push(m as unknown as Node);
    else if (m.kind === 'Pod') {
      const pod = asPod(m, input.clusterFile);
      const node = pod.spec.nodeName;
      if (!node) throw new Error(`${input.clusterFile}: pod "${pod.metadata.name}" has no spec.nodeName (only pods already bound to a node belong here)`);
      const info = described(`${input.clusterFile}: pod "${pod.metadata.name}"`, () => podInfo(pod));
      bound.set(node, [...(bound.get(node) ?? []), info]);
    } else throw new Error(`${input.clusterFile}: expected kind Node or Pod, got ${JSON.stringify(m.kind)} for "${m.metadata?.name}"`);
  }
  for (const node of bound.keys()) {
    if (!nodes.some((n) => n.metadata.name === node)) throw new Error(`${input.clusterFile}: a pod is bound to node "${node}", which the file does not define`);
  }
  const podDocs = readManifests(input.podFile);
  if (podDocs.length !== 1 || podDocs[0]!.kind !== 'Pod') throw new Error(`${input.podFile}: expected exactly one Pod, got ${podDocs.length} document(s)`);
  const pod = asPod(podDocs[0]!, input.podFile);
  const info = described(`${input.podFile}: pod "${pod.metadata.name}"`, () => podInfo({ ...pod, metadata: { namespace: 'default', ...pod.metadata } }));
  const snapshot = nodes.map((n) => described(`${input.clusterFile}: node "${n.metadata.name}"`, () => nodeInfoOf(n, bound.get(n.metadata.name ?? '') ?? [])));
  // A tie goes to the first best node in the file's order, as kube-scheduler's does (evaluate.ts).
  return evaluate(info, snapshot, input.profile ?? PROFILES.note);
}

/** A plain-text table: each node, its filter verdict and reasons, each plugin's score, the total; then the chosen node. */
export function formatTable(evaluation: Evaluation, profile: Profile): string {
  const plugins = profile.scorers.map((s) => s.plugin.name);
  const header = ['NODE', 'FITS', 'REASONS', ...plugins, 'TOTAL'];
  const rows = evaluation.nodes.map((n) => [
    n.name + (n.name === evaluation.selected ? ' *' : ''),
    n.feasible ? 'yes' : 'no',
    n.reasons.join('; ') || '-',
    ...plugins.map((p) => (n.scores[p] === undefined ? '-' : String(n.scores[p]))),
    n.total === null ? '-' : String(n.total),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const verdict = evaluation.selected ? `selected: ${evaluation.selected}` : `selected: none (${evaluation.failure})`;
  return [line(header), ...rows.map(line), '', verdict].join('\n');
}

export const schedule: Command = {
  summary: 'explain where the scheduler would place a pod in a cluster described by a file',
  usage: `Usage: kubespec schedule -f CLUSTER.yaml POD.yaml [-o table|json] [--profile note|kubernetes]

  -f, --filename  Node manifests (status.allocatable: cpu, memory, pods) and the Pods bound to them (spec.nodeName)
  POD.yaml        the pod to place
  -o, --output    table (default) or json: {"nodes": [{"name", "feasible", "reasons", "scores", "total"}], "selected"}
  --profile       note (LeastAllocated, the default) or kubernetes (LeastAllocated + BalancedAllocation)

A tie goes to the first of the best nodes in the file's order, as kube-scheduler's does.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { filename: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o', default: 'table' }, profile: { type: 'string', default: 'note' } },
    });
    if (!values.filename) throw new Error('expected -f CLUSTER.yaml');
    if (positionals.length !== 1) throw new Error(`expected one pod file, got ${positionals.length}`);
    if (values.output !== 'table' && values.output !== 'json') throw new Error(`expected -o table or -o json, got ${JSON.stringify(values.output)}`);
    const profile = profileNamed(values.profile!);
    const evaluation = scheduleFromFiles({ clusterFile: values.filename, podFile: positionals[0]!, profile });
    console.log(values.output === 'json' ? JSON.stringify(explanationOf(evaluation), null, 2) : formatTable(evaluation, profile));
    return 0;
  },
};
