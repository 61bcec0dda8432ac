/**
 * Property: a watch served by the watch cache delivers exactly what the same
 * watch on the store itself delivers (watch.ts's startStoreWatch, the plain
 * reading of the store's change stream): the same events, types and
 * resourceVersions, in the same order, whatever the writes, the namespace,
 * the node a watcher pins, the revision it resumes from and the window's
 * size.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { WatchEvent } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { WorkTracker } from '../runtime/work-tracker.ts';
import { MemoryStore } from '../store/memory-store.ts';
import { encode } from './registry/encoding.ts';
import { fieldSelector, parseFieldSelector } from './selectors.ts';
import { startStoreWatch } from './watch.ts';
import { WatchCache } from './watch-cache.ts';

const NAMESPACES = ['a', 'b'];
const NAMES = ['x', 'y', 'z'];
const NODES = ['', 'n1', 'n2'];

type Op =
  | { op: 'put'; ns: string; name: string; node: string }
  | { op: 'delete'; ns: string; name: string }
  | { op: 'watch'; ns: string | undefined; node: string | undefined; back: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('put' as const), ns: fc.constantFrom(...NAMESPACES), name: fc.constantFrom(...NAMES), node: fc.constantFrom(...NODES) }),
  fc.record({ op: fc.constant('delete' as const), ns: fc.constantFrom(...NAMESPACES), name: fc.constantFrom(...NAMES) }),
  fc.record({
    op: fc.constant('watch' as const),
    ns: fc.option(fc.constantFrom(...NAMESPACES), { nil: undefined }),
    node: fc.option(fc.constantFrom(...NODES), { nil: undefined }),
    back: fc.nat(6),
  }),
);

const podAt = (ns: string, name: string, node: string): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: { ...(node ? { nodeName: node } : {}), containers: [] } }) as KubeObject;

const line = (e: WatchEvent) => `${e.type} ${e.object.metadata.namespace}/${e.object.metadata.name} @${e.object.metadata.resourceVersion}`;

test('a watch served by the cache delivers what the same watch on the store delivers', async () => {
  let served = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), async (ops, capacity) => {
      const store = new MemoryStore();
      const work = new WorkTracker();
      const cache = new WatchCache({ store, prefix: '/registry/pods/', indexedField: 'spec.nodeName', work, toStatus: (e) => e, capacity });
      await cache.ensureStarted();
      const pairs: Array<{ cached: string[]; direct: string[]; what: string }> = [];
      for (const o of ops) {
        const key = (ns: string, name: string) => `/registry/pods/${ns}/${name}`;
        if (o.op === 'put') {
          const k = key(o.ns, o.name);
          const value = encode(podAt(o.ns, o.name, o.node));
          if (await store.get(k)) await store.update(k, value);
          else await store.create(k, value);
        } else if (o.op === 'delete') {
          if (await store.get(key(o.ns, o.name))) await store.delete(key(o.ns, o.name));
        } else {
          const selector = o.node === undefined ? undefined : `spec.nodeName=${o.node}`;
          const prefix = o.ns === undefined ? '/registry/pods/' : `/registry/pods/${o.ns}/`;
          const afterRevision = Math.max(1, (await store.revision()) - o.back);
          const matches = fieldSelector('pods', selector);
          const pair = { cached: [] as string[], direct: [] as string[], what: `${prefix} ${selector ?? ''} after ${afterRevision}` };
          const handle = cache.watch({ prefix, afterRevision, matches, fields: parseFieldSelector('pods', selector), initial: [], onEvent: (e) => void pair.cached.push(line(e)), onClose: () => {} });
          if (!handle) continue; // before the window: the api-server would watch the store itself
          served++;
          await startStoreWatch({ store, prefix, afterRevision, matches, initial: [], work, onEvent: (e) => void pair.direct.push(line(e)), onClose: () => {}, toStatus: (e) => e });
          pairs.push(pair);
        }
      }
      await work.idle();
      for (const p of pairs) assert.deepEqual(p.cached, p.direct, p.what);
      cache.stop();
    }),
    { numRuns: 200 },
  );
  assert.ok(served > 100, `only ${served} watches were served by the cache`);
});
