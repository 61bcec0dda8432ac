/**
 * Kubernetes REST paths, read the way the api-server's request-info
 * resolver reads them:
 *   /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}
 *   /apis/{group}/{version}/{resource}/{name}/{subresource}
 * A namespace is itself a resource (/api/v1/namespaces/{name}/status), so
 * the third segment after `namespaces` decides which reading applies.
 */
import { RESOURCES, type ResourceInfo } from '../registry/resources.ts';

export interface ResourcePath {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** Subresources of a namespace, which must not be read as resources inside it. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/**
 * Parses a resource path, already percent-decoded (request-url.ts), as the
 * request-info resolver splits it; undefined for anything that is not one
 * (discovery, /version, typos).
 */
export function parseResourcePath(path: string): ResourcePath | undefined {
  const parts = path.split('/').filter(Boolean);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    [group, version, rest] = ['', parts[1]!, parts.slice(2)];
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    [group, version, rest] = [parts[1]!, parts[2]!, parts.slice(3)];
  } else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && group === '' && NAMESPACE_SUBRESOURCES.has(rest[2]!))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3) return undefined;
  const [resource, name, subresource] = rest as [string, string?, string?];
  return { group, version, resource, ...(namespace !== undefined ? { namespace } : {}), ...(name !== undefined ? { name } : {}), ...(subresource !== undefined ? { subresource } : {}) };
}

/** The served kind a path names, only when its group and version match (pods live in the core group, not in apps/v1). */
export function resourceAt(path: ResourcePath): ResourceInfo | undefined {
  const r = RESOURCES.get(path.resource);
  return r && r.group === path.group && r.version === path.version ? r : undefined;
}

/** The path a client uses for a resource: the inverse of parseResourcePath. */
export function resourceUrl(r: ResourceInfo, opts: { namespace?: string; name?: string; subresource?: string } = {}): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && opts.namespace ? `/namespaces/${encodeURIComponent(opts.namespace)}` : '';
  const name = opts.name !== undefined ? `/${encodeURIComponent(opts.name)}` : '';
  const sub = opts.name !== undefined && opts.subresource ? `/${opts.subresource}` : '';
  return `${base}${ns}/${r.resource}${name}${sub}`;
}
