/**
 * Server-side printing (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`):
 * the api-server, not kubectl, decides the columns of `kubectl get`. Pods,
 * nodes, events, namespaces, services, endpoints, endpoint slices,
 * Deployments, ReplicaSets and disruption budgets get the columns of
 * Kubernetes' own printers (pkg/printers/internalversion); `-o wide` shows
 * the priority-1 columns;
 * every other kind gets NAME and AGE.
 */
import type { KubeList, KubeObject } from '../../../spec/objects/meta.ts';
import type { Event } from '../../../spec/objects/event.ts';
import type { Node } from '../../../spec/objects/node.ts';
import type { Pod } from '../../../spec/objects/pod.ts';
import { AGE, age, col, humanDuration, NAME, type Printer } from './printer-columns.ts';
import { ENDPOINTS, ENDPOINT_SLICES, SERVICES } from './service-printers.ts';
import { DEPLOYMENTS, REPLICASETS } from './workload-printers.ts';

export { humanDuration };
export type { ColumnDefinition } from './printer-columns.ts';

/** The STATUS column: the phase, or what holds a container back, or Terminating (printPod). */
function podStatus(pod: Pod & KubeObject): string {
  let reason: string = pod.status?.reason ?? pod.status?.phase ?? '';
  for (const c of pod.status?.containerStatuses ?? []) {
    const s = c.state as { waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number; signal?: number } };
    if (s.waiting?.reason) reason = s.waiting.reason;
    else if (s.terminated) reason = s.terminated.reason || (s.terminated.signal ? `Signal:${s.terminated.signal}` : `ExitCode:${s.terminated.exitCode}`);
  }
  if (pod.metadata.deletionTimestamp && pod.status?.reason !== 'NodeLost') reason = 'Terminating';
  return reason;
}

const PODS: Printer = {
  columns: [
    NAME,
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'string', 'The number of times the containers in this pod have been restarted.'),
    AGE,
    col('IP', 'string', 'IP address allocated to the pod. Routable at least within the cluster.', 1),
    col('Node', 'string', 'Name of the node where the pod is scheduled.', 1),
    col('Nominated Node', 'string', 'Nominated node name: the node the scheduler wants to preempt for.', 1),
    col('Readiness Gates', 'string', 'The readiness gates of the pod, met / all.', 1),
  ],
  cells(obj, now) {
    const pod = obj as Pod & KubeObject;
    const statuses = pod.status?.containerStatuses ?? [];
    const ready = statuses.filter((c) => c.ready && (c.state as { running?: unknown }).running).length;
    const restarts = statuses.reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
    const gates = (pod.spec as { readinessGates?: Array<{ conditionType: string }> }).readinessGates ?? [];
    const met = gates.filter((g) => pod.status?.conditions?.some((c) => c.type === g.conditionType && c.status === 'True')).length;
    return [
      pod.metadata.name ?? '',
      `${ready}/${pod.spec.containers.length}`,
      podStatus(pod),
      restarts,
      age(pod, now),
      pod.status?.podIP || '<none>',
      pod.spec.nodeName || '<none>',
      (pod.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName || '<none>',
      gates.length ? `${met}/${gates.length}` : '<none>',
    ];
  },
};

/** Roles come from node-role.kubernetes.io/<role> labels (and the older kubernetes.io/role). */
function roles(node: KubeObject): string {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) out.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) out.add(v);
  }
  return out.size ? [...out].sort().join(',') : '<none>';
}

const NODES: Printer = {
  columns: [
    NAME,
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    AGE,
    col('Version', 'string', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'string', "List of internal IPs for the node.", 1),
    col('External-IP', 'string', 'List of external IPs for the node.', 1),
    col('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
    col('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
    col('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
  ],
  cells(obj, now) {
    const node = obj as Node & KubeObject;
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
    if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) status.push('SchedulingDisabled');
    const address = (type: string) => node.status?.addresses?.find((a) => a.type === type)?.address || '<none>';
    const info = (node.status as { nodeInfo?: Record<string, string> } | undefined)?.nodeInfo ?? {};
    return [
      node.metadata.name ?? '',
      status.join(','),
      roles(node),
      age(node, now),
      info.kubeletVersion ?? '',
      address('InternalIP'),
      address('ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};

/** `kubectl get namespaces` (printNamespace): Active, or Terminating once deleted. */
const NAMESPACES: Printer = {
  columns: [NAME, col('Status', 'string', 'The status of the namespace'), AGE],
  cells: (obj, now) => [obj.metadata.name ?? '', (obj.status as { phase?: string } | undefined)?.phase ?? '', age(obj, now)],
};

/** `kubectl get pdb` (printPodDisruptionBudget): N/A for the bound the budget does not set. */
const PODDISRUPTIONBUDGETS: Printer = {
  columns: [
    NAME,
    col('Min Available', 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    AGE,
  ],
  cells(obj, now) {
    const spec = (obj.spec ?? {}) as { minAvailable?: number | string; maxUnavailable?: number | string };
    const allowed = (obj.status as { disruptionsAllowed?: number } | undefined)?.disruptionsAllowed ?? 0;
    return [obj.metadata.name ?? '', String(spec.minAvailable ?? 'N/A'), String(spec.maxUnavailable ?? 'N/A'), allowed, age(obj, now)];
  },
};

/** `kubectl get events`: what happened to which object, and who said so (printEvent). */
const EVENTS: Printer = {
  columns: [
    col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'string', 'Type of this event (Normal, Warning).'),
    col('Reason', 'string', 'Why the action was taken.'),
    col('Object', 'string', 'The object that this event is about.'),
    col('Subobject', 'string', 'The part of the object this event is about.', 1),
    col('Source', 'string', 'The component reporting this event.', 1),
    col('Message', 'string', 'A human-readable description of the status of this operation.'),
    col('First Seen', 'string', 'The time at which the event was first recorded.', 1),
    col('Count', 'string', 'The number of times this event has occurred.', 1),
    col('Name', 'string', 'Name must be unique within a namespace.', 1, 'name'),
  ],
  cells(obj, now) {
    const e = obj as KubeObject & Partial<Event>;
    const since = (t: string | undefined) => (t ? humanDuration(now - Date.parse(t)) : '<unknown>');
    const about = e.involvedObject;
    const target = about?.name ? `${(about.kind ?? '').toLowerCase()}/${about.name}` : (about?.kind ?? '').toLowerCase();
    // kubectl's formatEventSource: the source, or for events.k8s.io events the reporting controller and instance.
    const component = e.source?.component || e.reportingComponent || '';
    const instance = e.source?.host || e.reportingInstance || '';
    const source = component ? `${component}${instance ? `, ${instance}` : ''}` : '';
    // An events.k8s.io event has only eventTime (kubectl prints it where lastTimestamp is empty).
    const last = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
    return [since(last), e.type ?? '', e.reason ?? '', target, (about as { fieldPath?: string } | undefined)?.fieldPath ?? '', source, (e.message ?? '').trim(), since(e.firstTimestamp ?? e.eventTime), e.count ?? 1, e.metadata.name ?? ''];
  },
};

const GENERIC: Printer = { columns: [NAME, AGE], cells: (obj, now) => [obj.metadata.name ?? '', age(obj, now)] };
const PRINTERS: Record<string, Printer> = {
  pods: PODS,
  nodes: NODES,
  events: EVENTS,
  namespaces: NAMESPACES,
  services: SERVICES,
  endpoints: ENDPOINTS,
  endpointslices: ENDPOINT_SLICES,
  deployments: DEPLOYMENTS,
  replicasets: REPLICASETS,
  poddisruptionbudgets: PODDISRUPTIONBUDGETS,
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** A metav1.Table of one object or a list; each row carries the object as asked (`includeObject`, default Metadata). */
export function toTable(resource: string, objOrList: KubeObject | KubeList, now: number, include: IncludeObject = 'Metadata') {
  const printer = PRINTERS[resource] ?? GENERIC;
  const isList = Array.isArray((objOrList as KubeList).items);
  const items = isList ? (objOrList as KubeList).items : [objOrList as KubeObject];
  const rows = items.map((obj) => ({
    cells: printer.cells(obj, now),
    ...(include === 'None' ? {} : { object: include === 'Object' ? obj : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata } }),
  }));
  const meta = isList ? (objOrList as KubeList).metadata : { resourceVersion: (objOrList as KubeObject).metadata.resourceVersion };
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { ...meta }, columnDefinitions: printer.columns, rows };
}

/** Whether the Accept header asks for a Table (kubectl get sends it first, with JSON as the fallback). */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => /;\s*as=Table/.test(part) && /;\s*g=meta\.k8s\.io/.test(part));
}
