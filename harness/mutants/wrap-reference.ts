/**
 * An adapter that is the reference with something bent: how the seeded bugs
 * of the api-server, the store and the kubelet are made, from outside, the
 * way a user's adapter would wrap a cluster.
 */
import type { Adapter, ApiClient, ClusterUnderTest, Credentials } from '../../spec/adapter.ts';
import type { ClusterConfig } from '../../spec/settings.ts';
import { ReferenceCluster, type ReferenceOptions } from '../../reference/cluster.ts';
import { referenceAdapter } from '../adapters/reference.ts';

/** The cluster with some of its members replaced; everything else is the cluster's own. */
export function bent(cluster: ClusterUnderTest, overrides: Partial<ClusterUnderTest>): ClusterUnderTest {
  return new Proxy(cluster, {
    get(target, prop) {
      if (prop in overrides) return overrides[prop as keyof ClusterUnderTest];
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The reference whose clients are bent by `bend` (given the credentials each client acts with). */
export function withClients(name: string, bend: (client: ApiClient, as: Credentials | undefined, cluster: ClusterUnderTest) => ApiClient): Adapter {
  return {
    ...referenceAdapter,
    name,
    async start(config: ClusterConfig) {
      const cluster = await referenceAdapter.start(config);
      return bent(cluster, { client: (as?: Credentials) => bend(cluster.client(as), as, cluster) });
    },
  };
}

/** The reference built with internal options (a different kubelet): the kubelet's seeded bugs. */
export function referenceWith(name: string, options: ReferenceOptions): Adapter {
  const capabilities = new Set(referenceAdapter.capabilities);
  capabilities.delete('stacked-etcd');
  return { name, capabilities, start: (config) => new ReferenceCluster(config, options).start() };
}
