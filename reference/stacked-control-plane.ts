/**
 * A stacked control plane (E3): every control-plane node runs its own
 * api-server beside its own etcd member, and each api-server talks only
 * to its local member, as kubeadm sets up stacked etcd. The members
 * replicate through Raft, so a write through any node is read back through
 * every other, and the cluster keeps serving while a majority is up.
 */
import type { ApiClient, ControlPlaneControl, Credentials } from '../spec/adapter.ts';
import type { ClusterConfig } from '../spec/settings.ts';
import type { ApiServer } from './apiserver/apiserver.ts';
import { ReferenceCluster } from './cluster.ts';
import { EtcdMembers, findEtcd } from './store/etcd/etcd-members.ts';
import { EtcdStore } from './store/etcd/etcd-store.ts';

/** True where real etcd members can be started (the 'stacked-etcd' capability). */
export function stackedEtcdAvailable(): boolean {
  return 'path' in findEtcd();
}

export async function startStackedCluster(config: ClusterConfig, count: number): Promise<ReferenceCluster & { controlPlane: ControlPlaneControl }> {
  const names = Array.from({ length: count }, (_, i) => `cp-${i + 1}`);
  const members = await EtcdMembers.start(names);
  const stores: EtcdStore[] = [];
  const storeOn = (name: string) => (work: ConstructorParameters<typeof EtcdStore>[0]['work']) => {
    const store = new EtcdStore({ endpoints: [members.member(name).clientUrl], work });
    stores.push(store);
    return store;
  };
  try {
    const cluster = await new ReferenceCluster(config, { store: storeOn(names[0]!) }).start();
    const apiservers = new Map<string, ApiServer>([[names[0]!, cluster.apiserver]]);
    for (const name of names.slice(1)) apiservers.set(name, await cluster.addApiServer(storeOn(name)(cluster.work)));
    const controlPlane: ControlPlaneControl = {
      members: names,
      client(member: string, as?: Credentials): ApiClient {
        const apiserver = apiservers.get(member);
        if (!apiserver) throw new Error(`Expected one of the control-plane nodes ${names.join(', ')}, got "${member}"`);
        return cluster.clientOf(apiserver, as);
      },
      stopMember: (member) => members.kill(member),
      startMember: (member) => members.restart(member),
    };
    const stop = cluster.stop.bind(cluster);
    return Object.assign(cluster, {
      controlPlane,
      async stop() {
        await stop();
        await Promise.all(stores.slice(1).map((s) => s.close())); // the first is the cluster's own, closed by stop()
        await members.stopAll();
      },
    });
  } catch (e) {
    await members.stopAll();
    throw e;
  }
}
