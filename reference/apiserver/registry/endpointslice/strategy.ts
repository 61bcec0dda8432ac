/**
 * The EndpointSlice's rules (pkg/registry/discovery/endpointslice/strategy.go
 * and pkg/apis/discovery/validation): each port's protocol defaults to TCP
 * and its name to "", port names are unique DNS labels and numbers in
 * 1-65535, every address is one of the slice's address type, and the
 * address type never changes once set.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { KubeObject } from '../../../../spec/objects/meta.ts';
import { EndpointSlice } from '../../../../spec/objects/endpointslice.ts';
import type { StatusCause } from '../../../../spec/objects/status.ts';
import { RESOURCES } from '../resources.ts';
import { genericStrategy, type Strategy } from '../strategy.ts';
import { invalid, validateLabel, validateSubdomain } from '../validation.ts';

const generic = genericStrategy(RESOURCES.get('endpointslices')!, EndpointSlice);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** SetDefaults_EndpointPort. */
function defaultSlice(obj: KubeObject): void {
  for (const port of Array.isArray(obj.ports) ? obj.ports.filter(isPlainObject) : []) {
    port.name ??= '';
    port.protocol ??= 'TCP';
  }
}

const ADDRESS_CHECKS: Record<string, [check: (a: string) => boolean, why: string]> = {
  IPv4: [isIPv4, 'must be a valid IPv4 address'],
  IPv6: [isIPv6, 'must be a valid IPv6 address'],
  FQDN: [(a) => validateSubdomain('', a).length === 0, 'must be a valid FQDN'],
};

/** validateEndpoints and validatePorts: the rules the schema cannot say. */
function sliceCauses(slice: EndpointSlice): StatusCause[] {
  const causes: StatusCause[] = [];
  const [check, why] = ADDRESS_CHECKS[slice.addressType]!;
  slice.endpoints.forEach((ep, i) => {
    ep.addresses.forEach((a, j) => {
      if (!check(a)) causes.push(invalid(`endpoints[${i}].addresses[${j}]`, a, why));
    });
  });
  const names = new Set<string>();
  (slice.ports ?? []).forEach((p, i) => {
    const name = p.name ?? '';
    if (name !== '') causes.push(...validateLabel(`ports[${i}].name`, name));
    if (names.has(name)) causes.push({ type: 'FieldValueDuplicate', field: `ports[${i}].name`, message: `Duplicate value: ${JSON.stringify(name)}` });
    names.add(name);
    if (p.port !== undefined && (p.port < 1 || p.port > 65535)) causes.push(invalid(`ports[${i}].port`, p.port, 'must be between 1 and 65535, inclusive'));
  });
  return causes;
}

export const endpointSliceStrategy: Strategy = {
  ...generic,
  defaults: defaultSlice,
  validate(obj) {
    const causes = generic.validate(obj);
    // A body of the wrong shape is reported as such; the finer rules would only repeat it.
    return causes.some((c) => !c.field?.startsWith('metadata')) ? causes : [...causes, ...sliceCauses(obj as unknown as EndpointSlice)];
  },
  validateUpdate(obj, old) {
    const [now, before] = [obj.addressType, old.addressType];
    return now === before ? [] : [invalid('addressType', now, 'field is immutable')];
  },
};
