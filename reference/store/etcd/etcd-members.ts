/**
 * Real etcd members on loopback, started as processes from Debian's
 * etcd-server: one per control-plane node for stacked etcd (E3), or the
 * etcd `kubespec serve --etcd-members N` keeps its cluster in. A member can
 * be killed (SIGKILL, a crashed machine), paused (SIGSTOP, a machine that
 * hangs) and restarted from its data directory.
 *
 * A cluster started in a named folder keeps its data there, with the ports
 * its members use in `members.json`: a member's peer address is part of the
 * cluster's membership, so a restart must listen where it did before.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../runtime/free-port.ts';

export interface EtcdMember {
  name: string;
  clientUrl: string;
  peerUrl: string;
  dataDir: string;
  process?: ChildProcess;
  /** The last chunks the running process wrote to stderr. */
  errors?: string[];
}

export interface EtcdMembersOptions {
  /** The etcd binary. @default 'etcd' */
  binary?: string;
  /** Keep the cluster in this folder (created if absent) and leave it there on stop; by default a temporary folder, removed on stop. */
  dataDir?: string;
}

/** Where etcd is, or why it cannot run here (the caller skips with that reason). */
export function findEtcd(): { path: string } | { missing: string } {
  const found = spawnSync('sh', ['-c', 'command -v etcd'], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  return bin ? { path: bin } : { missing: 'no etcd binary on PATH (Debian package etcd-server)' };
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
    if (member.process && member.process.exitCode !== null) throw new MemberExited(member.name, member.process.exitCode, member.errors?.join('') ?? '');
    if (Date.now() > until) throw new Error(`etcd member ${member.name} did not become healthy at ${member.clientUrl} within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A member that ended while starting; `log` is the end of what it wrote to stderr. */
class MemberExited extends Error {
  constructor(name: string, code: number, log: string) {
    super(`etcd member ${name} exited with code ${code}${log.trim() ? `: ${log.trim().split('\n').slice(-3).join(' | ')}` : ''}`);
  }
}

const START_ATTEMPTS = 3;
const MANIFEST = 'members.json';
type Manifest = Array<Pick<EtcdMember, 'name' | 'clientUrl' | 'peerUrl'>>;

export class EtcdMembers {
  private constructor(
    readonly members: EtcdMember[],
    private readonly binary: string,
    /** The folder holding every member's data directory. */
    readonly root: string,
    private readonly keep: boolean,
  ) {}

  /** Starts `names.length` members forming one new cluster; resolves when all report healthy. */
  static async start(names: string[], options: EtcdMembersOptions = {}): Promise<EtcdMembers> {
    // A port found free can be taken by another process before etcd binds it (other test
    // processes start servers too): a new cluster whose member exits at once is started again on fresh ports.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnFreePorts(names, options);
      } catch (e) {
        if (attempt >= START_ATTEMPTS || !(e instanceof MemberExited)) throw e;
      }
    }
  }

  private static async startOnFreePorts(names: string[], options: EtcdMembersOptions): Promise<EtcdMembers> {
    const keep = options.dataDir !== undefined;
    const root = keep ? path.resolve(options.dataDir!) : mkdtempSync(path.join(tmpdir(), 'kubespec-etcd-'));
    mkdirSync(root, { recursive: true });
    const members: EtcdMember[] = [];
    for (const name of names) {
      const [client, peer] = [await freePort(), await freePort()];
      const dataDir = path.join(root, name);
      rmSync(dataDir, { recursive: true, force: true }); // what a failed attempt left
      members.push({ name, clientUrl: `http://127.0.0.1:${client}`, peerUrl: `http://127.0.0.1:${peer}`, dataDir });
    }
    if (keep) writeFileSync(path.join(root, MANIFEST), JSON.stringify(members.map(({ name, clientUrl, peerUrl }) => ({ name, clientUrl, peerUrl })), null, 2) + '\n');
    return new EtcdMembers(members, options.binary ?? 'etcd', root, keep).launchAll('new');
  }

  /** Starts again the cluster kept in `dataDir` by an earlier start, on the same ports. */
  static async reopen(dataDir: string, options: Omit<EtcdMembersOptions, 'dataDir'> = {}): Promise<EtcdMembers> {
    const root = path.resolve(dataDir);
    const manifest = JSON.parse(readFileSync(path.join(root, MANIFEST), 'utf8')) as Manifest;
    const members = manifest.map((m) => ({ ...m, dataDir: path.join(root, m.name) }));
    return new EtcdMembers(members, options.binary ?? 'etcd', root, true).launchAll('existing');
  }

  /** Whether `dataDir` holds a cluster an earlier start kept. */
  static kept(dataDir: string): boolean {
    return existsSync(path.join(path.resolve(dataDir), MANIFEST));
  }

  get clientUrls(): string[] {
    return this.members.map((m) => m.clientUrl);
  }

  member(name: string): EtcdMember {
    const m = this.members.find((x) => x.name === name);
    if (!m) throw new Error(`Expected one of the etcd members ${this.members.map((x) => x.name).join(', ')}, got "${name}"`);
    return m;
  }

  /** The process id of a running member, for whoever signals it. */
  pid(name: string): number | undefined {
    return this.member(name).process?.pid;
  }

  /** Kills the member's process at once, as a machine failure would. */
  async kill(name: string): Promise<void> {
    await this.signalAndWait(name, 'SIGKILL');
  }

  /** Stops the member cleanly (SIGTERM), as a shutdown would. */
  async stop(name: string): Promise<void> {
    await this.signalAndWait(name, 'SIGTERM');
  }

  /** Freezes the member (SIGSTOP): its sockets stay open, nothing answers. */
  pause(name: string): void {
    this.member(name).process?.kill('SIGSTOP');
  }

  /** Thaws a paused member (SIGCONT). */
  resume(name: string): void {
    this.member(name).process?.kill('SIGCONT');
  }

  /** Restarts stopped members from their data directories; resolves when all of them are healthy (which needs a quorum). */
  async restart(...names: string[]): Promise<void> {
    const stopped = names.map((n) => this.member(n)).filter((m) => !m.process);
    for (const m of stopped) this.launch(m, 'existing');
    await Promise.all(stopped.map((m) => healthy(m, 15_000)));
  }

  /** Stops every member; a temporary folder is removed, a named one kept for the next start. */
  async stopAll(): Promise<void> {
    await Promise.all(this.members.map((m) => (this.keep ? this.stop(m.name) : this.kill(m.name))));
    if (!this.keep) rmSync(this.root, { recursive: true, force: true });
  }

  private async signalAndWait(name: string, signal: NodeJS.Signals): Promise<void> {
    const m = this.member(name);
    const proc = m.process;
    m.process = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    // The child is unref'd; keep the event loop alive until it has gone.
    const keepAlive = setInterval(() => {}, 1000);
    try {
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGCONT'); // a paused member must run to act on SIGTERM
        proc.kill(signal);
      });
    } finally {
      clearInterval(keepAlive);
    }
  }

  private async launchAll(state: 'new' | 'existing'): Promise<this> {
    try {
      for (const m of this.members) this.launch(m, state);
      await Promise.all(this.members.map((m) => healthy(m, 15_000)));
    } catch (e) {
      await this.stopAll();
      throw e;
    }
    return this;
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
        '--initial-cluster-token', `kubespec-${path.basename(this.root)}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    m.process.unref();
    // The last lines etcd wrote (it logs errors only), for the message if it ends while starting.
    const errors: string[] = (m.errors = []);
    m.process.stderr?.on('data', (chunk: Buffer) => {
      errors.push(chunk.toString());
      if (errors.length > 20) errors.shift();
    });
    (m.process.stderr as { unref?: () => void } | null)?.unref?.();
  }
}
