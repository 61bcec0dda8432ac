/**
 * Kubernetes' own kube-apiserver as the fault tests run it: the binary
 * `.ci/build-kubernetes` built, started with the real-k8s adapter's flags
 * (component-flags.ts) on the fault run's etcd, on a fixed port with a
 * fixed CA and admin token, so that the nemesis can SIGKILL it and start it
 * again where its clients find it. Its output is appended to
 * reports/faults/kube-apiserver.log. Only this process's own child is ever
 * signalled, by its PID.
 *
 * No controller manager or scheduler runs: the workload touches ConfigMaps
 * only, which no controller writes (the root-CA publisher's
 * kube-root-ca.crt is not among the workload's keys either way).
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveSettings } from '../../spec/settings.ts';
import { binaryPath } from '../adapters/real-k8s/binaries.ts';
import { apiServerArgs, controlPlaneSettings, type ControlPlaneFiles } from '../adapters/real-k8s/component-flags.ts';
import { makePki } from '../adapters/real-k8s/pki.ts';
import { probe } from '../adapters/real-k8s/readiness.ts';
import type { ApiServerUnderTest } from './api-server-under-test.ts';
import { freePort } from '../../reference/runtime/free-port.ts';
import { OwnChild } from './own-child.ts';

const LOG_DIR = path.resolve(import.meta.dirname, '../../reports/faults');

export interface KubeApiServerOptions {
  /** The folder holding kube-apiserver (findBinaries). */
  binDir: string;
  /** Every etcd member's client URL, http://127.0.0.1:PORT. */
  etcdUrls: string[];
  /** --request-timeout, in ms. */
  requestTimeoutMs: number;
}

export class KubeApiServerUnderTest implements ApiServerUnderTest {
  readonly name = 'kube-apiserver';
  private readonly child = new OwnChild();
  crashed: string | undefined;

  private constructor(
    private readonly args: string[],
    private readonly binary: string,
    private readonly dir: string,
    readonly port: number,
    readonly caPem: string,
    readonly token: string,
  ) {}

  static async start(options: KubeApiServerOptions): Promise<KubeApiServerUnderTest> {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubespec-faults-k8s-'));
    try {
      const pki = await makePki(dir);
      const token = randomBytes(24).toString('base64url');
      const files: ControlPlaneFiles = {
        ...pki,
        tokenFile: path.join(dir, 'tokens.csv'),
        // Files of the other components: unused, as none of them runs here.
        controllerManagerKubeconfig: '',
        schedulerKubeconfig: '',
        schedulerConfig: '',
        etcdData: '',
        flexVolumeDir: '',
      };
      // kube-apiserver's --token-auth-file: token,user,uid,"groups".
      writeFileSync(files.tokenFile, `${token},fault-admin,fault-admin,"system:masters"\n`, { mode: 0o600 });
      const port = await freePort();
      const ports = { etcdClient: 0, etcdPeer: 0, apiserver: port, controllerManager: 0, scheduler: 0 };
      const args = [
        // --etcd-servers is a string slice (repeating it appends), so the adapter's one-member value is replaced, not overridden.
        ...apiServerArgs(controlPlaneSettings(resolveSettings()), files, ports).filter((a) => !a.startsWith('--etcd-servers=')),
        `--etcd-servers=${options.etcdUrls.join(',')}`,
        `--request-timeout=${options.requestTimeoutMs}ms`,
      ];
      const server = new KubeApiServerUnderTest(args, binaryPath(options.binDir, 'kube-apiserver'), dir, port, pki.caPem, token);
      await server.launch();
      return server;
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** Starts the process and resolves once /readyz says ok (or rejects, pointing at its log). */
  async launch(readyWithinMs = 120_000): Promise<void> {
    mkdirSync(LOG_DIR, { recursive: true });
    const logFile = path.join(LOG_DIR, 'kube-apiserver.log');
    const log = openSync(logFile, 'a');
    writeSync(log, `\n=== ${new Date().toISOString()} ${this.binary} ${this.args.join(' ')}\n`);
    const child = spawn(this.binary, this.args, { stdio: ['ignore', log, log] });
    closeSync(log);
    this.child.adopt(child);
    this.crashed = undefined;
    let exited = false;
    child.once('exit', (code, signal) => {
      exited = true;
      if (this.child.holds(child)) this.crashed = `kube-apiserver (pid ${child.pid}) exited by itself with ${signal ?? code}; see ${logFile}`;
    });
    const deadline = Date.now() + readyWithinMs;
    for (;;) {
      if (exited) throw new Error(`kube-apiserver exited before it served; see ${logFile}`);
      const answer = await probe(`${this.url}/readyz`, { ca: this.caPem, token: this.token });
      if (answer.status === 200) return;
      if (Date.now() > deadline) throw new Error(`kube-apiserver was not ready within ${readyWithinMs} ms (last /readyz ${answer.status}: ${answer.body.slice(0, 300)}); see ${logFile}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async kill(): Promise<void> {
    await this.child.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.child.signal('SIGTERM');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
