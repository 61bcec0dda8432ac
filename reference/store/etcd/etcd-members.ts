/**
 * Real etcd members on loopback, one per control-plane node (stacked etcd,
 * E3): started as processes from Debian's etcd-server, stopped with
 * SIGKILL like a crashed machine, and restarted from their data directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface EtcdMember {
  name: string;
  clientUrl: string;
  peerUrl: string;
  dataDir: string;
  process?: ChildProcess;
}

/** Where etcd is, or why it cannot run here (the caller skips with that reason). */
export function findEtcd(): { path: string } | { missing: string } {
  const found = spawnSync('sh', ['-c', 'command -v etcd'], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  return bin ? { path: bin } : { missing: 'no etcd binary on PATH (Debian package etcd-server)' };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function healthy(member: EtcdMember, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      const res = await fetch(`${member.clientUrl}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok && ((await res.json()) as { health?: string }).health === 'true') return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`etcd member ${member.name} did not become healthy at ${member.clientUrl} within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export class EtcdMembers {
  private constructor(
    readonly members: EtcdMember[],
    private readonly binary: string,
    private readonly root: string,
  ) {}

  /** Starts `names.length` members forming one cluster; resolves when all report healthy. */
  static async start(names: string[], binary = 'etcd'): Promise<EtcdMembers> {
    const root = mkdtempSync(path.join(tmpdir(), 'kubespec-etcd-'));
    const members: EtcdMember[] = [];
    for (const name of names) {
      const [client, peer] = [await freePort(), await freePort()];
      members.push({ name, clientUrl: `http://127.0.0.1:${client}`, peerUrl: `http://127.0.0.1:${peer}`, dataDir: path.join(root, name) });
    }
    const cluster = new EtcdMembers(members, binary, root);
    try {
      for (const m of members) cluster.launch(m, 'new');
      await Promise.all(members.map((m) => healthy(m, 15_000)));
    } catch (e) {
      await cluster.stopAll();
      throw e;
    }
    return cluster;
  }

  member(name: string): EtcdMember {
    const m = this.members.find((x) => x.name === name);
    if (!m) throw new Error(`Expected one of the etcd members ${this.members.map((x) => x.name).join(', ')}, got "${name}"`);
    return m;
  }

  /** Kills the member's process at once, as a machine failure would. */
  async kill(name: string): Promise<void> {
    const m = this.member(name);
    const proc = m.process;
    m.process = undefined;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  }

  /** Restarts a killed member from its data directory and waits until it is healthy. */
  async restart(name: string): Promise<void> {
    const m = this.member(name);
    if (m.process) return;
    this.launch(m, 'existing');
    await healthy(m, 15_000);
  }

  async stopAll(): Promise<void> {
    for (const m of this.members) await this.kill(m.name);
    rmSync(this.root, { recursive: true, force: true });
  }

  private launch(m: EtcdMember, state: 'new' | 'existing'): void {
    const initialCluster = this.members.map((x) => `${x.name}=${x.peerUrl}`).join(',');
    m.process = spawn(
      this.binary,
      [
        '--name', m.name, '--data-dir', m.dataDir, '--logger=zap', '--log-level=error',
        '--listen-client-urls', m.clientUrl, '--advertise-client-urls', m.clientUrl,
        '--listen-peer-urls', m.peerUrl, '--initial-advertise-peer-urls', m.peerUrl,
        '--initial-cluster', initialCluster, '--initial-cluster-state', state,
        '--initial-cluster-token', path.basename(this.root),
      ],
      { stdio: 'ignore' },
    );
    m.process.unref();
  }
}
