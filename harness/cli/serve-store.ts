/**
 * Where `kubespec serve` keeps the cluster: in memory (the default, gone
 * when it stops), on an etcd the user runs (`--store etcd://HOST:PORT,...`),
 * or on an etcd it starts itself (`--etcd-members N`) in a data folder it
 * keeps, so that the next start finds the cluster as it was.
 */
import path from 'node:path';
import { EtcdMembers, findEtcd } from '../../reference/store/etcd/etcd-members.ts';
import { EtcdStore } from '../../reference/store/etcd/etcd-store.ts';
import type { Store } from '../../reference/store/port.ts';
import type { WorkTracker } from '../../reference/runtime/work-tracker.ts';

export interface StoreFlags {
  store: string;
  etcdMembers?: number;
  dataDir: string;
  /** Each store operation's deadline: the api-server's request timeout. */
  callTimeoutMs: number;
}

export interface ServeStore {
  /** What to print: where the state lives. */
  description: string;
  /** The cluster's store, counting its watch deliveries on the cluster's work tracker. */
  open: ((work: WorkTracker) => Store) | undefined;
  /** Stops what this started (its own etcd members); the data stays. */
  close(): Promise<void>;
}

/** `etcd://127.0.0.1:2379,127.0.0.1:22379` -> client URLs. */
export function etcdEndpoints(spec: string): string[] {
  const m = /^etcd:\/\/(.+)$/.exec(spec);
  const hosts = m ? m[1]!.split(',').map((h) => h.trim()) : [];
  if (!m || hosts.some((h) => !/^[^\s/:]+:\d{1,5}$/.test(h))) {
    throw new Error(`--store: expected "memory" or etcd://HOST:PORT[,HOST:PORT...], got ${JSON.stringify(spec)}`);
  }
  return hosts.map((h) => `http://${h}`);
}

export async function openServeStore(flags: StoreFlags): Promise<ServeStore> {
  const onEtcd = (endpoints: string[]) => (work: WorkTracker) => new EtcdStore({ endpoints, work, callTimeoutMs: flags.callTimeoutMs });
  if (flags.etcdMembers !== undefined) {
    if (flags.store !== 'memory') throw new Error('--etcd-members starts its own etcd; it does not go with --store');
    if (flags.etcdMembers < 1) throw new Error(`--etcd-members: expected at least 1, got ${flags.etcdMembers}`);
    const etcd = findEtcd();
    if ('missing' in etcd) throw new Error(`--etcd-members: ${etcd.missing}`);
    const dataDir = path.resolve(flags.dataDir);
    const kept = EtcdMembers.kept(dataDir);
    const members = kept
      ? await EtcdMembers.reopen(dataDir)
      : await EtcdMembers.start(Array.from({ length: flags.etcdMembers }, (_, i) => `etcd-${i + 1}`), { dataDir });
    const found = kept && members.members.length !== flags.etcdMembers ? ` (kept with ${members.members.length}, not ${flags.etcdMembers})` : '';
    return {
      description: `etcd, ${members.members.length} member(s) of its own at ${members.clientUrls.join(',')}${found}, data kept in ${dataDir}${kept ? ' (found from an earlier start)' : ''}`,
      open: onEtcd(members.clientUrls),
      close: () => members.stopAll(),
    };
  }
  if (flags.store === 'memory') return { description: 'memory (gone when it stops)', open: undefined, close: async () => {} };
  const endpoints = etcdEndpoints(flags.store);
  return { description: `etcd at ${endpoints.join(',')}`, open: onEtcd(endpoints), close: async () => {} };
}

/** kube-apiserver's --request-timeout takes a Go duration: "60s", "1m0s", "1500ms". */
export function parseDuration(flag: string, raw: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...raw.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== raw) throw new Error(`${flag}: expected a duration such as 60s, 1m0s or 1500ms, got ${JSON.stringify(raw)}`);
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]!]!, 0);
  if (!(ms > 0)) throw new Error(`${flag}: expected a duration above zero, got ${JSON.stringify(raw)}`);
  return ms;
}
