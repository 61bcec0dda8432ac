/**
 * `kubespec iptables -f manifests.yaml [--node NAME]`: the rules kube-proxy
 * would write for your own Services (P8), in `iptables-restore` format, from
 * Service and EndpointSlice manifests, Endpoints manifests (mirrored into
 * slices, as the EndpointSliceMirroring controller does), or Pods from which
 * the slices are worked out as the EndpointSlice controller would. Services without a
 * clusterIP get one from the default service range; pods without an IP get
 * one from the default pod range, in order. The output loads as is with
 * `iptables-restore --noflush --counters`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';
import type { Endpoints } from '../../spec/objects/endpoints.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import type { Pod } from '../../spec/objects/pod.ts';
import type { Service } from '../../spec/objects/service.ts';
import { NOTE_DEFAULTS } from '../../spec/settings.ts';
import { ServiceIPAllocator } from '../../reference/apiserver/registry/service/ip-allocator.ts';
import { defaultService } from '../../reference/apiserver/registry/service/strategy.ts';
import { serviceSelector } from '../../reference/controllers/endpoints.ts';
import { desiredEndpoints } from '../../reference/controllers/endpointslice-endpoints.ts';
import { LABEL_SERVICE_NAME, type EndpointSlice } from '../../spec/objects/endpointslice.ts';
import { cidrHost } from '../../reference/api/cidr.ts';
import { renderServiceRules } from '../../reference/proxy/service-chains.ts';
import { servicePorts } from '../../reference/proxy/service-ports.ts';
import { seededRandom } from '../../reference/runtime/random.ts';
import type { Command } from './kubespec.ts';

type Obj = KubeObject & { spec?: unknown };

/** Renders the rules for the objects in a YAML text; throws an Error with one clear line on bad input. */
export async function rulesForManifests(yaml: string, source = 'the manifests'): Promise<string> {
  const docs = parseAllDocuments(yaml);
  const objects: Obj[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`${source} is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
    const obj = doc.toJS() as Obj | null;
    if (obj === null || obj === undefined) continue;
    if (typeof obj !== 'object' || typeof obj.kind !== 'string') throw new Error(`${source}: every document needs a kind (Service, EndpointSlice, Endpoints or Pod)`);
    if (obj.kind === 'List' && Array.isArray((obj as { items?: unknown }).items)) objects.push(...((obj as unknown as { items: Obj[] }).items));
    else objects.push(obj);
  }
  const services: Service[] = [];
  const endpoints: Endpoints[] = [];
  const slices: EndpointSlice[] = [];
  const pods: Array<Pod & KubeObject> = [];
  for (const o of objects) {
    if (!o.metadata?.name) throw new Error(`${source}: a ${o.kind} without metadata.name`);
    o.metadata.namespace ??= 'default';
    if (o.kind === 'Service') {
      if (!o.spec || typeof o.spec !== 'object') throw new Error(`${source}: Service "${o.metadata.name}" has no spec`);
      services.push(o as unknown as Service);
    } else if (o.kind === 'EndpointSlice') slices.push(o as unknown as EndpointSlice);
    else if (o.kind === 'Endpoints') endpoints.push(o as unknown as Endpoints);
    else if (o.kind === 'Pod') pods.push(o as unknown as Pod & KubeObject);
    else throw new Error(`${source}: unsupported kind "${o.kind}" (expected Service, EndpointSlice, Endpoints or Pod)`);
  }
  if (services.length === 0) throw new Error(`${source} has no Service`);

  const allocator = new ServiceIPAllocator(NOTE_DEFAULTS.serviceCIDR, seededRandom(NOTE_DEFAULTS.seed));
  for (const s of services) {
    defaultService(s);
    if (s.spec.clusterIP && s.spec.clusterIP !== 'None') {
      try {
        await allocator.allocate(s.spec.clusterIP);
      } catch (e) {
        throw new Error(`${source}: Service "${s.metadata.name}" has clusterIP ${s.spec.clusterIP}: ${(e as Error).message}`);
      }
    }
  }
  for (const s of services) if (!s.spec.clusterIP) s.spec.clusterIP = await allocator.allocateNext();

  let nextPodIP = 2;
  for (const p of pods) {
    if (!p.spec || !Array.isArray(p.spec.containers)) throw new Error(`${source}: Pod "${p.metadata.name}" has no containers`);
    p.status ??= {};
    p.status.podIP ??= cidrHost(NOTE_DEFAULTS.clusterCIDR, nextPodIP++);
    // A pod manifest says nothing of readiness: take it as ready unless its status says otherwise.
    p.status.conditions ??= [{ type: 'Ready', status: 'True' }];
  }
  slices.push(...endpoints.flatMap(mirroredSlice));
  const given = new Set(slices.map((e) => `${e.metadata.namespace ?? 'default'}/${e.metadata.labels?.[LABEL_SERVICE_NAME] ?? ''}`));
  for (const s of services) {
    const key = `${s.metadata.namespace}/${s.metadata.name}`;
    const selector = serviceSelector(s);
    if (given.has(key) || !selector) continue;
    const members = pods.filter((p) => p.metadata.namespace === s.metadata.namespace && selector.matches(p.metadata.labels));
    // Every node is taken as known: the manifests name none.
    for (const group of desiredEndpoints(s as Service & KubeObject, members, (name) => ({ metadata: { name } })).groups.values()) {
      slices.push({ metadata: { namespace: s.metadata.namespace, labels: { [LABEL_SERVICE_NAME]: s.metadata.name ?? '' } }, addressType: 'IPv4', endpoints: [...group.endpoints.values()], ports: group.ports });
    }
  }
  return renderServiceRules(servicePorts(services, slices), { clusterCIDR: NOTE_DEFAULTS.clusterCIDR });
}

/** An Endpoints object as the EndpointSliceMirroring controller mirrors it: one slice per subset, not-ready addresses not ready. */
function mirroredSlice(e: Endpoints): EndpointSlice[] {
  return (e.subsets ?? []).map((subset) => ({
    metadata: { namespace: e.metadata.namespace, labels: { [LABEL_SERVICE_NAME]: e.metadata.name ?? '' } },
    addressType: 'IPv4' as const,
    endpoints: [
      ...(subset.addresses ?? []).map((a) => ({ addresses: [a.ip], conditions: { ready: true } })),
      ...(subset.notReadyAddresses ?? []).map((a) => ({ addresses: [a.ip], conditions: { ready: false } })),
    ],
    ports: (subset.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: (p.protocol ?? 'TCP') as 'TCP' })),
  }));
}

export const iptables: Command = {
  summary: "print the iptables rules kube-proxy would write for your Services, EndpointSlices, Endpoints and Pods",
  usage: `Usage: kubespec iptables -f FILE [--node NAME]

  -f, --filename  YAML with Service, EndpointSlice, Endpoints or Pod manifests ('-' reads standard input)
  --node          the node whose rules to print (every node gets the same service rules)

The output is an iptables-restore payload: load it with iptables-restore --noflush --counters.`,
  async run(args) {
    const { values } = parseArgs({ args, options: { filename: { type: 'string', short: 'f' }, node: { type: 'string' } }, strict: true });
    if (!values.filename) throw new Error('missing -f FILE (a YAML file with Service, EndpointSlice, Endpoints or Pod manifests)');
    let text: string;
    try {
      text = readFileSync(values.filename === '-' ? 0 : values.filename, 'utf8');
    } catch (e) {
      throw new Error(`cannot read ${values.filename}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const rules = await rulesForManifests(text, values.filename);
    console.error(`# kube-proxy rules for node ${values.node ?? '(any node)'}: iptables-restore --noflush --counters`);
    process.stdout.write(rules);
    return 0;
  },
};
