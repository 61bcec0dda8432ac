/**
 * Validation: what makes an object acceptable, answered with 422 Invalid
 * and one cause per field, in Kubernetes' words. The shape comes from the
 * TypeBox schemas in spec/objects; the rules TypeBox cannot say are here.
 */
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import type { StatusCause } from '../../../spec/objects/status.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { Pod } from '../../../spec/objects/pod.ts';
import { Node } from '../../../spec/objects/node.ts';
import { Binding } from '../../../spec/objects/binding.ts';
import { Event } from '../../../spec/objects/event.ts';
import { Lease } from '../../../spec/objects/lease.ts';
import { Service } from '../../../spec/objects/service.ts';
import { Endpoints } from '../../../spec/objects/endpoints.ts';
import { Namespace } from '../../../spec/objects/namespace.ts';
import { ReplicaSet } from '../../../spec/objects/replicaset.ts';
import { Secret } from '../../../spec/objects/secret.ts';
import { ConfigMap } from '../../../spec/objects/configmap.ts';
import { ServiceAccount } from '../../../spec/objects/serviceaccount.ts';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from '../../../spec/objects/rbac.ts';
import { isQuantity, QUANTITY_ERROR } from '../../api/quantity.ts';

const SCHEMAS: Record<string, TSchema> = {
  pods: Pod, nodes: Node, events: Event, leases: Lease, services: Service, endpoints: Endpoints, namespaces: Namespace,
  'pods/binding': Binding,
  secrets: Secret, configmaps: ConfigMap, serviceaccounts: ServiceAccount,
  roles: Role, rolebindings: RoleBinding, clusterroles: ClusterRole, clusterrolebindings: ClusterRoleBinding,
  replicasets: ReplicaSet,
};

export function registerSchema(resource: string, schema: TSchema): void {
  SCHEMAS[resource] = schema;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const required = (field: string): StatusCause => ({ type: 'FieldValueRequired', field, message: 'Required value' });
export const invalid = (field: string, value: unknown, why: string): StatusCause => ({
  type: 'FieldValueInvalid',
  field,
  message: `Invalid value: ${JSON.stringify(value)}: ${why}`,
});

export function validateSubdomain(field: string, value: string): StatusCause[] {
  if (value.length > 253) return [invalid(field, value, 'must be no more than 253 characters')];
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return [invalid(field, value, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")];
  }
  return [];
}

export function validateLabel(field: string, value: string): StatusCause[] {
  if (value.length > 63) return [invalid(field, value, 'must be no more than 63 characters')];
  if (!DNS1123_LABEL.test(value)) {
    return [invalid(field, value, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")];
  }
  return [];
}

/** RBAC objects may be named like `system:kube-scheduler`: any path segment (ValidateRBACName). */
export function validatePathSegment(field: string, value: string): StatusCause[] {
  if (value === '.' || value === '..') return [invalid(field, value, `may not be '${value}'`)];
  for (const bad of ['/', '%']) if (value.includes(bad)) return [invalid(field, value, `may not contain '${bad}'`)];
  return [];
}

/** How each kind's names are checked, as each kind's validation in Kubernetes does. */
function nameRule(resource: string): (field: string, value: string) => StatusCause[] {
  if (resource === 'services' || resource === 'namespaces') return validateLabel;
  if (['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'].includes(resource)) return validatePathSegment;
  return validateSubdomain;
}

/** `/spec/containers/0/image` -> `spec.containers[0].image`, as Kubernetes names fields. */
function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

function schemaCauses(schema: TSchema, obj: unknown): StatusCause[] {
  const seen = new Set<string>();
  const causes: StatusCause[] = [];
  for (const e of Value.Errors(schema, obj)) {
    const field = fieldPath(e.path) || '<root>';
    if ([...seen].some((s) => field.startsWith(s))) continue; // report the outermost problem only
    seen.add(field);
    causes.push(e.value === undefined ? required(field) : invalid(field, e.value, e.message));
  }
  return causes;
}

function podCauses(pod: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = pod.spec as { containers?: Array<{ name?: string; resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } }> } | undefined;
  const containers = spec?.containers ?? [];
  if (Array.isArray(containers) && containers.length === 0) causes.push(required('spec.containers'));
  const names = new Set<string>();
  containers.forEach((c, i) => {
    if (typeof c.name === 'string') {
      if (names.has(c.name)) causes.push({ type: 'FieldValueDuplicate', field: `spec.containers[${i}].name`, message: `Duplicate value: "${c.name}"` });
      names.add(c.name);
      causes.push(...validateLabel(`spec.containers[${i}].name`, c.name));
    }
    for (const kind of ['requests', 'limits'] as const) {
      for (const [res, q] of Object.entries(c.resources?.[kind] ?? {})) {
        if (!isQuantity(q)) causes.push(invalid(`spec.containers[${i}].resources.${kind}.${res}`, q, QUANTITY_ERROR));
      }
    }
  });
  return causes;
}

/** Causes for an object about to be stored; empty when it is valid. */
export function validateObject(resource: string, namespaced: boolean, obj: KubeObject): StatusCause[] {
  const schema = SCHEMAS[resource];
  const causes = schema ? schemaCauses(schema, obj) : [];
  if (resource.includes('/')) return causes; // subresource bodies carry no name rules
  const name = obj.metadata?.name;
  if (!name) causes.push(required('metadata.name'));
  else causes.push(...nameRule(resource)('metadata.name', name));
  if (namespaced && !obj.metadata?.namespace) causes.push(required('metadata.namespace'));
  if (resource === 'pods' && !causes.some((c) => c.field?.startsWith('spec'))) causes.push(...podCauses(obj));
  return causes;
}
