/**
 * What a client asks before anything else: the server's version, which API
 * groups it serves, and for each group version the resources with their
 * verbs and short names (how kubectl knows that `po` means pods and that
 * nodes are not namespaced). Built from resources.ts, so a kind added there
 * is discovered without touching this file.
 */
import { RESOURCES, apiVersionOf, type ResourceInfo } from '../registry/resources.ts';

/** The Kubernetes release whose behaviour the reference follows (K8S-FACTS.md). */
export const SERVED_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0+kubespec' };

const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
/** Kinds `kubectl get all` lists, as Kubernetes puts them in the "all" category. */
const CATEGORY_ALL = new Set(['pods', 'services', 'replicasets', 'deployments']);

export function versionInfo() {
  return {
    ...SERVED_VERSION,
    gitCommit: '',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'tsx',
    platform: `${process.platform}/${process.arch}`,
  };
}

function groups(): Map<string, ResourceInfo[]> {
  const out = new Map<string, ResourceInfo[]>();
  for (const r of RESOURCES.values()) {
    const gv = apiVersionOf(r);
    out.set(gv, [...(out.get(gv) ?? []), r]);
  }
  return out;
}

/** GET /api: the core group's versions. */
export function coreVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(name: string) {
  const versions = [...groups().keys()].filter((gv) => gv.startsWith(`${name}/`)).map((gv) => ({ groupVersion: gv, version: gv.split('/')[1]! }));
  return { name, versions, preferredVersion: versions[0]! };
}

/** GET /apis: every named group. */
export function groupList() {
  const names = [...new Set([...RESOURCES.values()].map((r) => r.group).filter(Boolean))].sort();
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: names.map(apiGroup) };
}

/** GET /apis/{group}, or undefined when the group is not served. */
export function groupInfo(name: string) {
  const g = apiGroup(name);
  return g.versions.length ? { kind: 'APIGroup', apiVersion: 'v1', ...g } : undefined;
}

/** GET /api/v1 or /apis/{group}/{version}: the resources and their subresources, or undefined when not served. */
export function resourceList(groupVersion: string) {
  const served = groups().get(groupVersion);
  if (!served) return undefined;
  const resources = served.flatMap((r) => [
    {
      name: r.resource,
      singularName: r.kind.toLowerCase(),
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs ? [...r.verbs] : VERBS,
      ...(r.shortNames.length ? { shortNames: [...r.shortNames] } : {}),
      ...(CATEGORY_ALL.has(r.resource) ? { categories: ['all'] } : {}),
    },
    ...r.subresources.map((sub) => subresource(r, sub)),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

/**
 * Every resource the discovery documents list (core and each group), as
 * the discovery client's ServerPreferredResources gathers them: what
 * kube-controller-manager hands the namespace controller.
 */
export function servedResources(): Array<{ resource: string; group: string; version: string; namespaced: boolean; verbs: string[] }> {
  return [...groups().keys()].flatMap((gv) =>
    resourceList(gv)!.resources
      .filter((r) => !r.name.includes('/'))
      .map((r) => ({ resource: r.name, group: gv.includes('/') ? gv.split('/')[0]! : '', version: gv.split('/').at(-1)!, namespaced: r.namespaced, verbs: [...r.verbs] })),
  );
}

function subresource(r: ResourceInfo, sub: string) {
  const name = `${r.resource}/${sub}`;
  if (sub === 'binding') return { name, singularName: '', namespaced: r.namespaced, kind: 'Binding', verbs: ['create'] };
  if (sub === 'eviction') return { name, singularName: '', namespaced: r.namespaced, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] };
  if (sub === 'finalize') return { name, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: ['update'] };
  if (sub === 'scale') return { name, singularName: '', namespaced: r.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] };
  return { name, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'patch', 'update'] };
}

/**
 * GET /openapi/v2 as kubectl asks for it (protobuf, gnostic's Document):
 * `swagger: "2.0"` and an `info`, with no definitions. kubectl's client-side
 * validation skips a kind the document does not describe, so `kubectl apply`
 * works without --validate=false and the api-server's own validation (422)
 * remains the one that counts.
 */
export function openApiV2Protobuf(): Buffer {
  const field = (no: number, bytes: Buffer) => Buffer.concat([Buffer.from([(no << 3) | 2, bytes.length]), bytes]);
  const str = (s: string) => Buffer.from(s, 'utf8');
  const info = Buffer.concat([field(1, str('Kubernetes')), field(2, str(SERVED_VERSION.gitVersion))]);
  return Buffer.concat([field(1, str('2.0')), field(2, info)]);
}

export function openApiV2Json() {
  return { swagger: '2.0', info: { title: 'Kubernetes', version: SERVED_VERSION.gitVersion }, paths: {}, definitions: {} };
}

/** GET /openapi/v3: the index kubectl 1.27+ reads; no group is described, so kubectl validates nothing client-side. */
export function openApiV3Index() {
  return { paths: {} };
}
