/**
 * The etcd the fault tests run `kubespec serve` on: members this process
 * starts (so the nemesis can kill, pause and restart them by PID), and a
 * client of its own to read what no api-server can be trusted to report:
 * the store's change log, the current revision, who leads, and to compact.
 */
import { Etcd3, type IKeyValue } from 'etcd3';
import { noop } from 'cockatiel';
import { EtcdMembers, findEtcd } from '../../reference/store/etcd/etcd-members.ts';
import type { StoreChange } from '../history/operations.ts';

/** Why etcd cannot run here (the caller skips with that reason), or undefined when it can. */
export function etcdMissing(): string | undefined {
  const found = findEtcd();
  return 'missing' in found ? found.missing : undefined;
}

/** Every key the api-server writes is under /registry/, so a watch there sees every revision. */
const REGISTRY = '/registry/';

export class FaultEtcd {
  private constructor(
    readonly members: EtcdMembers,
    private readonly client: Etcd3,
    private readonly orphans: () => void,
  ) {}

  /** `binary`: the etcd to run (default Debian's, on PATH; the real-k8s target runs the one built with Kubernetes). */
  static async start(size = 3, binary?: string): Promise<FaultEtcd> {
    const members = await EtcdMembers.start(Array.from({ length: size }, (_, i) => `etcd-${i + 1}`), binary ? { binary } : {});
    // If this process dies without closing, its members must not outlive it.
    const orphans = () => {
      for (const m of members.members) if (m.process?.pid && m.process.exitCode === null) m.process.kill('SIGKILL');
    };
    process.once('exit', orphans);
    const client = new Etcd3({ hosts: members.clientUrls, faultHandling: { host: () => noop, global: noop }, defaultCallOptions: (c) => (c.isStream ? {} : { deadline: Date.now() + 5000 }) });
    return new FaultEtcd(members, client, orphans);
  }

  /** The --store flag for serve: every member's client address. */
  get storeFlag(): string {
    return `etcd://${this.members.clientUrls.map((u) => u.replace(/^http:\/\//, '')).join(',')}`;
  }

  get names(): string[] {
    return this.members.members.map((m) => m.name);
  }

  async revision(): Promise<number> {
    return Number((await this.client.get('\0').exec()).header.revision);
  }

  /** The member that leads now, asked of each member in turn. */
  async leader(): Promise<string | undefined> {
    for (const m of this.members.members) {
      if (!m.process) continue;
      const one = new Etcd3({ hosts: m.clientUrl, faultHandling: { host: () => noop, global: noop }, defaultCallOptions: () => ({ deadline: Date.now() + 2000 }) });
      try {
        const status = await one.maintenance.status();
        if (status.leader === status.header.member_id) return m.name;
      } catch {
        // down or paused: ask the next
      } finally {
        one.close();
      }
    }
    return undefined;
  }

  /**
   * Every change under `keyPrefix` after `fromRevision`, up to the current
   * revision, from etcd's own history: a watch from there on all of
   * /registry/, read until it reaches the revision etcd had when asked.
   * `decode` turns a stored value into the value the history uses.
   */
  async log(keyPrefix: string, fromRevision: number, decode: (value: Buffer) => string, timeoutMs = 20_000): Promise<StoreChange[]> {
    const until = await this.revision();
    const changes: StoreChange[] = [];
    if (until <= fromRevision) return changes;
    const watcher = await this.client.watch().prefix(REGISTRY).startRevision(String(fromRevision + 1)).create();
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`etcd's history up to ${until} did not arrive within ${timeoutMs} ms (got to ${changes.at(-1)?.revision ?? fromRevision})`)), timeoutMs);
        const take = (type: 'put' | 'delete') => (kv: IKeyValue) => {
          const revision = Number(kv.mod_revision);
          const key = kv.key.toString();
          if (key.startsWith(keyPrefix)) changes.push({ revision, key: key.slice(keyPrefix.length), type, ...(type === 'put' ? { value: decode(kv.value) } : {}) });
          if (revision >= until) {
            clearTimeout(timer);
            resolve();
          }
        };
        watcher.on('put', take('put'));
        watcher.on('delete', take('delete'));
        watcher.on('error', (e) => reject(e));
      });
    } finally {
      await watcher.cancel().catch(() => {});
    }
    return changes;
  }

  async compact(revision: number): Promise<void> {
    await this.client.kv.compact({ revision: String(revision), physical: true });
  }

  async close(): Promise<void> {
    this.client.close();
    await this.members.stopAll();
    process.removeListener('exit', this.orphans);
  }
}
