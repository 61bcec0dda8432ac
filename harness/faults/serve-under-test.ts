/**
 * `kubespec serve` as the fault tests run it: a child process on a fixed
 * port with a fixed certificate and token, so that it can be killed and
 * started again and its clients find it where it was, trusting the same CA
 * with the same token. Only this process's own child is ever signalled, by
 * its PID.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { selfSignedCertificate } from '../../reference/apiserver/http/certificate.ts';
import type { ApiServerUnderTest } from './api-server-under-test.ts';
import { freePort } from '../../reference/runtime/free-port.ts';
import { OwnChild } from './own-child.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServeOptions {
  /** --store etcd://... */
  store: string;
  /** --request-timeout, in ms. */
  requestTimeoutMs: number;
  /** Extra flags. */
  args?: string[];
}

export class ServeUnderTest implements ApiServerUnderTest {
  readonly name = 'kubespec serve';
  private readonly child = new OwnChild();
  private printed = '';
  /** Set when the process ended without being asked to. */
  crashed: string | undefined;

  private constructor(
    private readonly options: ServeOptions,
    private readonly dir: string,
    readonly port: number,
    readonly caPem: string,
    readonly token: string,
  ) {}

  static async start(options: ServeOptions): Promise<ServeUnderTest> {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubespec-faults-'));
    const certificate = selfSignedCertificate();
    writeFileSync(path.join(dir, 'tls.crt'), certificate.cert);
    writeFileSync(path.join(dir, 'tls.key'), certificate.key, { mode: 0o600 });
    const token = `faults-${process.pid}-${Date.now()}`;
    writeFileSync(path.join(dir, 'tokens.csv'), `${token},fault-admin,fault-admin,"system:masters"\n`, { mode: 0o600 });
    const serve = new ServeUnderTest(options, dir, await freePort(), certificate.cert, token);
    try {
      await serve.launch();
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    return serve;
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  output(): string {
    return this.printed;
  }

  /** Starts the process and resolves once it serves (or rejects with what it printed). */
  async launch(readyWithinMs = 60_000): Promise<void> {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'bin/kubespec.mjs'), 'serve', '--port', String(this.port), '--nodes', '0',
        '--cert', path.join(this.dir, 'tls.crt'), '--key', path.join(this.dir, 'tls.key'),
        '--token-auth-file', path.join(this.dir, 'tokens.csv'), '--kubeconfig', path.join(this.dir, 'kubeconfig'),
        '--store', this.options.store, '--request-timeout', `${this.options.requestTimeoutMs}ms`,
        ...(this.options.args ?? []),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child.adopt(child);
    this.crashed = undefined;
    child.stderr!.on('data', (d) => (this.printed += d));
    child.once('exit', (code, signal) => {
      if (this.child.holds(child)) this.crashed = `kubespec serve (pid ${child.pid}) exited by itself with ${signal ?? code}`;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`kubespec serve did not serve within ${readyWithinMs} ms:\n${this.printed}`)), readyWithinMs);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        this.printed += line + '\n';
        if (/serving the Kubernetes API at https:/.test(line)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`kubespec serve exited with ${code} before serving:\n${this.printed}`));
      });
    });
  }

  /** SIGKILL: the api-server crashes, mid-request. */
  async kill(): Promise<void> {
    await this.child.signal('SIGKILL');
  }

  /** SIGTERM, and removes the scratch folder. */
  async stop(): Promise<void> {
    await this.child.signal('SIGTERM');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
