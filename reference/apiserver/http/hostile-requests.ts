/**
 * fast-check arbitraries for requests a hostile or broken client sends:
 * odd methods and paths, query values of the wrong kind, wrong or lying
 * headers, and bodies that are truncated, too deep, too large, not UTF-8, of
 * the wrong type, or valid-looking objects with hostile field values. Names
 * come from a small pool so that writes collide.
 */
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';

export interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Whether a success may have written this object's key, and which. */
  target?: { resource: string; namespace: string; name?: string };
}

/** The namespace whose objects the property compares with what was acknowledged. */
export const FUZZ_NAMESPACE = 'fuzz';
export const NAME_POOL = ['f-0', 'f-1', 'f-2', 'f-3'];

interface Kind {
  resource: string;
  base: string;
  template: (name: string) => Record<string, unknown>;
  /** Field paths whose values the generator replaces with hostile ones. */
  fields: string[][];
}

const meta = (name: string) => ({ name, labels: { app: 'fuzz' } });
export const KINDS: Kind[] = [
  {
    resource: 'configmaps',
    base: '/api/v1',
    template: (name) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name), data: { k: 'v' } }),
    fields: [['data'], ['data', 'k'], ['binaryData'], ['immutable'], ['metadata'], ['metadata', 'name'], ['metadata', 'labels'], ['metadata', 'resourceVersion'], ['metadata', 'creationTimestamp'], ['metadata', 'finalizers'], ['metadata', 'ownerReferences'], ['metadata', 'managedFields']],
  },
  {
    resource: 'secrets',
    base: '/api/v1',
    template: (name) => ({ apiVersion: 'v1', kind: 'Secret', metadata: meta(name), type: 'Opaque', data: { k: 'dg==' }, stringData: { s: 't' } }),
    fields: [['data'], ['data', 'k'], ['type'], ['stringData'], ['metadata', 'annotations'], ['metadata', 'generation']],
  },
  {
    resource: 'leases',
    base: '/apis/coordination.k8s.io/v1',
    template: (name) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: meta(name), spec: { holderIdentity: 'x', leaseDurationSeconds: 40, renewTime: '2024-01-01T00:00:00.000000Z' } }),
    fields: [['spec'], ['spec', 'renewTime'], ['spec', 'leaseDurationSeconds'], ['spec', 'holderIdentity']],
  },
  {
    resource: 'roles',
    base: '/apis/rbac.authorization.k8s.io/v1',
    template: (name) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta(name), rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }),
    fields: [['rules'], ['rules', '0'], ['rules', '0', 'verbs'], ['rules', '0', 'verbs', '0']],
  },
  {
    resource: 'pods',
    base: '/api/v1',
    template: (name) => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta(name), spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } }, ports: [{ containerPort: 80 }] }] } }),
    fields: [['spec'], ['spec', 'containers'], ['spec', 'containers', '0', 'name'], ['spec', 'containers', '0', 'resources', 'requests', 'cpu'], ['spec', 'containers', '0', 'ports', '0', 'containerPort'], ['spec', 'nodeName'], ['spec', 'terminationGracePeriodSeconds'], ['status'], ['status', 'phase']],
  },
  {
    resource: 'services',
    base: '/api/v1',
    template: (name) => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(name), spec: { selector: { app: 'fuzz' }, ports: [{ port: 80, targetPort: 8080 }] } }),
    fields: [['spec', 'ports', '0', 'targetPort'], ['spec', 'ports', '0', 'port'], ['spec', 'type'], ['spec', 'clusterIP'], ['spec', 'selector']],
  },
];

/**
 * Arrays nested `depth` deep (past 10,000 levels Go's decoder gives up), too
 * deep for JSON.stringify: the value carries a placeholder that the encoder
 * replaces with the text.
 */
const deep = (depth: number) => `<<deep:${depth}>>`;
const expandDeep = (text: string) => text.replace(/"<<deep:(\d+)>>"/g, (_, depth: string) => '['.repeat(Number(depth)) + ']'.repeat(Number(depth)));
const toJson = (value: unknown) => expandDeep(JSON.stringify(value) ?? 'null');

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(3_000_000_000, -1, 1.5, 9007199254740993, '2024-13-01T00:00:00Z', 'yesterday', 'lots', '1Xi', '!!notbase64', '', '__proto__', 'a'.repeat(300)),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.anything({ maxDepth: 2 }), { maxKeys: 3 }),
  fc.constantFrom(9_990, 10_000, 10_001, 20_000).map(deep),
);

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur: any = obj;
  for (const part of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return;
    if (cur[part] === undefined || cur[part] === null || typeof cur[part] !== 'object') cur[part] = {};
    cur = cur[part];
  }
  if (cur !== null && typeof cur === 'object') Object.defineProperty(cur, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
}

/** A valid object of the kind, then (three times in five) one or two hostile changes. */
const hostileObject = (kind: Kind, name: string) =>
  fc
    .oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 3, arbitrary: fc.array(
      fc.oneof(
        fc.tuple(fc.constantFrom(...kind.fields), hostileValue),
        fc.tuple(fc.constantFrom<string[]>(['zzz'], ['metadata', 'foo'], ['spec', 'bogus'], ['__proto__'], ['metadata', 'managedFields', '0', 'fieldsV1']), hostileValue),
        fc.tuple(fc.constantFrom<string[]>(['kind'], ['apiVersion']), fc.constantFrom<unknown>('Pod', 'ConfigMap', 'v2', 'apps/v1', 'a/b/c', 5, null)),
      ),
      { minLength: 1, maxLength: 2 },
    ) })
    .map((changes) => {
      const obj = kind.template(name);
      for (const [path, value] of changes) setPath(obj, path, value);
      return obj;
    });

/** How a value goes on the wire: JSON, cut short, with bytes that are not UTF-8, YAML, or not an object at all. */
const encoded = (value: unknown): fc.Arbitrary<Buffer> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(Buffer.from(toJson(value))) },
    { weight: 1, arbitrary: fc.nat().map((n) => { const text = Buffer.from(toJson(value)); return text.subarray(0, n % (text.length + 1)); }) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([at, bytes]) => { const text = Buffer.from(toJson(value)); const i = at % (text.length + 1); return Buffer.concat([text.subarray(0, i), Buffer.from(bytes.map((b) => b | 0x80)), text.subarray(i)]); }) },
    { weight: 1, arbitrary: fc.constant(Buffer.from(safeYaml(value))) },
    { weight: 1, arbitrary: fc.oneof(fc.json(), fc.string(), fc.constantFrom('', 'null', '[]', '{', '{"kind":', '\ufeff{}')).map((t) => Buffer.from(t)) },
  );

function safeYaml(value: unknown): string {
  try {
    return toYaml(value).replace(/'?<<deep:(\d+)>>'?/g, (_, depth: string) => '['.repeat(Number(depth)) + ']'.repeat(Number(depth)));
  } catch {
    return 'a: [';
  }
}

/** A body larger than the api-server takes (3 MiB), now and then. */
const oversize = fc.constant(null).map(() => Buffer.concat([Buffer.from('{"data":{"k":"'), Buffer.alloc(3 * 1024 * 1024, 0x61), Buffer.from('"}}')]));

const queryValue = fc.oneof(
  fc.constantFrom('', '0', '1', '-1', 'true', 'True', 'FALSE', 'f', 'yes', 'abc', '1.5', '0x10', ' 5', '99999999999999999999', '-9223372036854775809', '%zz', '%', '+', ';', 'NotOlderThan', 'Exact', 'All', 'Strict', 'Warn', 'Bogus', 'Background', 'Orphan'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...'ab=!(),<> \t01-._/in'.split('')), maxLength: 16 }),
);
const QUERY_NAMES = ['limit', 'continue', 'resourceVersion', 'resourceVersionMatch', 'labelSelector', 'fieldSelector', 'allowWatchBookmarks', 'sendInitialEvents', 'timeoutSeconds', 'dryRun', 'fieldValidation', 'fieldManager', 'gracePeriodSeconds', 'propagationPolicy', 'orphanDependents', 'force', 'pretty', 'includeObject', 'zzz'];
const query = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...QUERY_NAMES), queryValue), { maxLength: 4 }),
    // A watch, now and then, that ends at once: a hostile client cannot keep it open here.
    fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('watch=1&timeoutSeconds=-1', 'watch=yes&timeoutSeconds=-5', 'watch=&timeoutSeconds=-1') }),
  )
  .map(([pairs, watch]) => [...pairs.map(([k, v]) => `${k}=${/[%;+]/.test(v) && v.length < 3 ? v : encodeURIComponent(v)}`), watch].filter(Boolean).join('&'));

/** Mostly what a client would send for the method, now and then anything. */
const contentType = (method: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(method === 'PATCH' ? 'application/merge-patch+json' : 'application/json') },
    { weight: 1, arbitrary: fc.constantFrom('application/yaml', 'application/strategic-merge-patch+json', 'application/json; charset=utf-8') },
    { weight: 1, arbitrary: fc.constantFrom('application/json-patch+json', 'text/plain', 'application/json; =x', '*/*', 'application/vnd.kubernetes.protobuf', 'garbage', '') },
  );
const headers = (method: string) =>
  fc
    .record(
      {
        'Content-Type': contentType(method),
        Accept: fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom('application/json', '*/*', 'application/json;as=Table;v=v1;g=meta.k8s.io') },
          { weight: 1, arbitrary: fc.constantFrom('text/html', 'application/yaml', 'APPLICATION/JSON', 'application/*', 'text/html;q=0.9, */*;q=0.1') },
        ),
        'Impersonate-User': fc.constantFrom('nobody', 'system:admin', 'a\u00e9b'),
        'X-Anything': fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
      },
      { requiredKeys: [] },
    )
    // Impersonation mostly ends in a 403; keep it to one request in twenty.
    .chain((h) => fc.nat(9).map((d) => (d === 0 ? h : (({ 'Impersonate-User': _, ...rest }) => rest)(h))));

/** Where a request goes: mostly where the method has a route (a collection for POST, an object otherwise), now and then not. */
const location = (method: string) =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc.record({
        kind: fc.constantFrom(...KINDS),
        name: fc.oneof({ weight: method === 'POST' ? 1 : method === 'GET' ? 4 : 8, arbitrary: fc.constantFrom(...NAME_POOL) }, { weight: method === 'POST' ? 8 : method === 'GET' ? 4 : 1, arbitrary: fc.constant(undefined) }),
        sub: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('status', 'binding', 'scale', 'nope') }),
        namespace: fc.oneof({ weight: 8, arbitrary: fc.constant(FUZZ_NAMESPACE) }, { weight: 1, arbitrary: fc.constantFrom('default', 'missing-ns') }),
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom('/api/v1/namespaces/%zz/configmaps', '/api/v1/namespaces/fuzz/configmaps/a%2Fb', '/api/v1/widgets', '/apis/apps/v1/pods', '/api/v1/namespaces/fuzz/configmaps/f-0/status/extra', '/version', '/api', '/apis/nope/v1', '/healthz', '/openapi/v3', '/../../etc/passwd', `/api/v1/namespaces/fuzz/configmaps/${'x'.repeat(300)}`) },
  );

export const hostileRequest: fc.Arbitrary<HostileRequest> = fc
  .tuple(fc.constantFrom('GET', 'GET', 'GET', 'POST', 'POST', 'POST', 'POST', 'PUT', 'PUT', 'PATCH', 'PATCH', 'DELETE', 'DELETE', 'HEAD', 'OPTIONS', 'FOO', 'get'), query, fc.constantFrom(...NAME_POOL), fc.nat(499))
  .chain(([method, q, bodyName, dice]) => fc.tuple(location(method), headers(method)).map(([where, hdrs]) => [where, method, q, hdrs, bodyName, dice] as const))
  .chain(([where, method, q, hdrs, bodyName, dice]) => {
    const path = typeof where === 'string' ? where : `${where.kind.base}/namespaces/${where.namespace}/${where.kind.resource}${where.name ? `/${where.name}${where.sub ? `/${where.sub}` : ''}` : ''}`;
    const kind = typeof where === 'string' ? KINDS[0]! : where.kind;
    const target = typeof where === 'string' ? undefined : { resource: kind.resource, namespace: where.namespace, ...(where.name ? { name: where.name } : {}) };
    const withBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method);
    const body: fc.Arbitrary<Buffer | undefined> = !withBody
      ? fc.constant(undefined)
      : dice === 0
        ? oversize
        : hostileObject(kind, typeof where !== 'string' && where.name ? where.name : bodyName).chain(encoded);
    return body.map((b) => ({ method, path: q ? `${path}?${q}` : path, headers: hdrs, ...(b ? { body: b } : {}), ...(target ? { target } : {}) }));
  });
