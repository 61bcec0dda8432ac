/**
 * Writes spec/openapi/definitions.ts from Kubernetes' OpenAPI v2 document
 * (api/openapi-spec/swagger.json in kubernetes/kubernetes), keeping only
 * facts: for each definition reachable from the kinds kubespec serves, the
 * fields a generated client model requires and the type of every field.
 *
 *   tsx spec/openapi/generate.ts [path/to/swagger.json] [release]
 *
 * The default path is the k8s.io/kubernetes module in Go's module cache, which
 * `.ci/build-kubernetes` fills.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

const release = process.argv[3] ?? 'v1.37.2';
const swaggerPath = process.argv[2] ?? path.join(homedir(), `go/pkg/mod/k8s.io/kubernetes@${release}/api/openapi-spec/swagger.json`);

/** The kinds kubespec serves (reference/apiserver/registry/resources.ts), their lists, and the other bodies it reads or returns. */
const ROOTS = [
  ...['Namespace', 'Pod', 'Node', 'Service', 'Endpoints', 'Event', 'Secret', 'ConfigMap', 'ServiceAccount'].flatMap((k) => [`io.k8s.api.core.v1.${k}`, `io.k8s.api.core.v1.${k}List`]),
  'io.k8s.api.coordination.v1.Lease', 'io.k8s.api.coordination.v1.LeaseList',
  'io.k8s.api.apps.v1.ReplicaSet', 'io.k8s.api.apps.v1.ReplicaSetList',
  'io.k8s.api.apps.v1.Deployment', 'io.k8s.api.apps.v1.DeploymentList',
  'io.k8s.api.discovery.v1.EndpointSlice', 'io.k8s.api.discovery.v1.EndpointSliceList',
  'io.k8s.api.policy.v1.PodDisruptionBudget', 'io.k8s.api.policy.v1.PodDisruptionBudgetList',
  'io.k8s.api.policy.v1.Eviction',
  'io.k8s.api.authorization.v1.SelfSubjectAccessReview', 'io.k8s.api.authorization.v1.SubjectAccessReview',
  ...['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'].flatMap((k) => [`io.k8s.api.rbac.v1.${k}`, `io.k8s.api.rbac.v1.${k}List`]),
  'io.k8s.api.core.v1.Binding',
  'io.k8s.api.autoscaling.v1.Scale',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
  'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  'io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList',
  'io.k8s.apimachinery.pkg.apis.meta.v1.APIGroupList',
  'io.k8s.apimachinery.pkg.apis.meta.v1.APIVersions',
];

interface Schema {
  type?: string;
  format?: string;
  $ref?: string;
  items?: Schema;
  additionalProperties?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

const swagger = JSON.parse(readFileSync(swaggerPath, 'utf8')) as { definitions: Record<string, Schema> };
const all = swagger.definitions;

/** `io.k8s.api.core.v1.Pod` -> `core.v1.Pod`; `io.k8s.apimachinery.pkg.api.resource.Quantity` -> `api.resource.Quantity`. */
const shortName = (ref: string) => ref.split('/').pop()!.split('.').slice(-3).join('.');

function typeOf(s: Schema, reached: (name: string) => void): string {
  if (s.$ref) {
    const full = s.$ref.split('/').pop()!;
    reached(full);
    return shortName(full);
  }
  if (s.type === 'array') return `[]${typeOf(s.items ?? {}, reached)}`;
  if (s.type === 'object') return s.additionalProperties ? `map[string]${typeOf(s.additionalProperties, reached)}` : 'any';
  if (s.type === 'integer') return s.format === 'int32' ? 'int32' : 'int64';
  if (s.type === 'number') return 'float64';
  if (s.type === 'boolean') return 'bool';
  if (s.type === 'string') return s.format === 'byte' ? 'bytes' : 'string';
  return 'any';
}

/** A definition that is one JSON value rather than an object with fields (Time, Quantity, IntOrString, RawExtension...). */
function scalarOf(name: string, s: Schema): string {
  if (s.format === 'int-or-string') return 'int-or-string';
  if (s.format === 'date-time') return name.endsWith('MicroTime') ? 'micro-time' : 'time';
  if (name.endsWith('resource.Quantity')) return 'quantity';
  return s.type === 'string' ? 'string' : 'any';
}

const out: Record<string, { gvk?: string; required?: string[]; fields?: Record<string, string>; scalar?: string }> = {};
const queue = [...ROOTS];
while (queue.length) {
  const full = queue.shift()!;
  const name = shortName(full);
  if (out[name]) continue;
  const s = all[full];
  if (!s) throw new Error(`${full} is not in ${swaggerPath}`);
  const gvk = s['x-kubernetes-group-version-kind']?.[0];
  const entry: (typeof out)[string] = gvk ? { gvk: `${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}` } : {};
  if (s.properties) {
    entry.fields = Object.fromEntries(Object.entries(s.properties).map(([field, fs]) => [field, typeOf(fs, (r) => queue.push(r))]));
    if (s.required?.length) entry.required = s.required;
  } else entry.scalar = scalarOf(full, s);
  out[name] = entry;
}

const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
const body = Object.entries(sorted)
  .map(([name, d]) => `  ${JSON.stringify(name)}: ${JSON.stringify(d)},`)
  .join('\n');
const target = path.join(import.meta.dirname, 'definitions.ts');
writeFileSync(
  target,
  `/**
 * Facts from Kubernetes' OpenAPI v2 document, api/openapi-spec/swagger.json in
 * kubernetes/kubernetes at ${release}: every definition reachable from the kinds
 * kubespec serves, with the fields its generated client models require
 * (Python's and Java's clients reject an object that lacks one) and the type
 * of each field, which the api-server's decoder enforces. Type names: string,
 * bool, int32, int64, float64, bytes (base64), any, []T, map[string]T, or
 * another definition's name; a definition with a \`scalar\` is one JSON value
 * (time, micro-time, quantity, int-or-string, any).
 *
 * Generated by \`tsx spec/openapi/generate.ts\`; regenerate rather than edit.
 */
import type { OpenApiDefinition } from './openapi-definition.ts';

export const DEFINITIONS: Readonly<Record<string, OpenApiDefinition>> = {
${body}
};
`,
);
console.log(`wrote ${Object.keys(sorted).length} definitions to ${path.relative(process.cwd(), target)}`);
