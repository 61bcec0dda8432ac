/**
 * One real control plane on loopback: etcd, kube-apiserver,
 * kube-controller-manager and kube-scheduler, started from the built
 * binaries in a fresh working folder (certificates, token file,
 * kubeconfigs, etcd's data), each on a free port, each ready before the
 * next starts, their logs appended under reports/real-k8s/. A failed start
 * stops whatever had started.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import type { ApiClient } from '../../../spec/adapter.ts';
import { SETTINGS_CONFIGMAP, type ClusterSettings } from '../../../spec/settings.ts';
import { kubeconfigYaml } from '../../cli/kubeconfig.ts';
import { HttpClientFactory } from '../http-client.ts';
import { freePort } from '../../../reference/runtime/free-port.ts';
import { binaryPath } from './binaries.ts';
import {
  apiServerArgs,
  controllerManagerArgs,
  controlPlaneSettings,
  etcdArgs,
  schedulerArgs,
  schedulerConfiguration,
  type ControlPlaneFiles,
  type ControlPlanePorts,
} from './component-flags.ts';
import { grantControllerRoles } from './controller-manager-access.ts';
import { makePki } from './pki.ts';
import { ProcessGroup } from './processes.ts';
import { waitUntilServing } from './readiness.ts';
import type { TokenBook } from './token-book.ts';

export interface ControlPlaneSpec {
  binDir: string;
  /** The effective settings; the processes get the control-plane part, the ConfigMap all of it. */
  settings: ClusterSettings;
  tokens: TokenBook;
  logDir: string;
}


async function freePorts(): Promise<ControlPlanePorts> {
  const ports = new Set<number>();
  while (ports.size < 5) ports.add(await freePort());
  const [etcdClient, etcdPeer, apiserver, controllerManager, scheduler] = [...ports] as [number, number, number, number, number];
  return { etcdClient, etcdPeer, apiserver, controllerManager, scheduler };
}

async function until<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export class RealControlPlane {
  private constructor(
    readonly server: string,
    readonly kubeconfigFile: string,
    readonly clients: HttpClientFactory,
    readonly startupMs: number,
    private readonly workDir: string,
    private readonly processes: ProcessGroup,
  ) {}

  static async start(spec: ControlPlaneSpec): Promise<RealControlPlane> {
    const began = performance.now();
    mkdirSync(spec.logDir, { recursive: true });
    const workDir = mkdtempSync(path.join(tmpdir(), 'kubespec-real-k8s-'));
    const processes = new ProcessGroup(workDir);
    try {
      const plane = await RealControlPlane.bringUp(spec, workDir, processes, began);
      return plane;
    } catch (e) {
      await processes.stop();
      rmSync(workDir, { recursive: true, force: true });
      throw e;
    }
  }

  private static async bringUp(spec: ControlPlaneSpec, workDir: string, processes: ProcessGroup, began: number): Promise<RealControlPlane> {
    const file = (name: string) => path.join(workDir, name);
    const log = (name: string) => path.join(spec.logDir, `${name}.log`);
    const pki = await makePki(workDir);
    const ports = await freePorts();
    const server = `https://127.0.0.1:${ports.apiserver}`;
    const settings = controlPlaneSettings(spec.settings);
    const files: ControlPlaneFiles = {
      ...pki,
      tokenFile: file('tokens.csv'),
      controllerManagerKubeconfig: file('controller-manager.kubeconfig'),
      schedulerKubeconfig: file('scheduler.kubeconfig'),
      schedulerConfig: file('scheduler-config.yaml'),
      etcdData: file('etcd'),
      flexVolumeDir: file('flexvolume'),
    };
    const kubeconfigFile = file('admin.kubeconfig');
    const { admin, controllerManager, scheduler } = spec.tokens;
    writeFileSync(files.tokenFile, spec.tokens.tokenFile(), { mode: 0o600 });
    writeFileSync(kubeconfigFile, kubeconfigYaml({ server, user: admin.user.name, token: admin.token, caPem: pki.caPem, name: 'real-k8s' }), { mode: 0o600 });
    writeFileSync(files.controllerManagerKubeconfig, kubeconfigYaml({ server, user: controllerManager.user.name, token: controllerManager.token, caPem: pki.caPem }), { mode: 0o600 });
    writeFileSync(files.schedulerKubeconfig, kubeconfigYaml({ server, user: scheduler.user.name, token: scheduler.token, caPem: pki.caPem }), { mode: 0o600 });
    writeFileSync(files.schedulerConfig, stringify(schedulerConfiguration(settings, files.schedulerKubeconfig)));

    // KUBESPEC_K8S_VERBOSITY=N passes -v=N to the three components, for reading their logs.
    const verbosity = process.env.KUBESPEC_K8S_VERBOSITY ? [`--v=${process.env.KUBESPEC_K8S_VERBOSITY}`] : [];
    const etcd = processes.start('etcd', binaryPath(spec.binDir, 'etcd'), etcdArgs(files, ports), log('etcd'));
    await waitUntilServing(etcd, `http://127.0.0.1:${ports.etcdClient}/health`, (a) => a.status === 200 && a.body.includes('"true"'), { logFile: log('etcd') });

    const apiserver = processes.start('kube-apiserver', binaryPath(spec.binDir, 'kube-apiserver'), [...apiServerArgs(settings, files, ports), ...verbosity], log('kube-apiserver'));
    await waitUntilServing(apiserver, `${server}/readyz`, (a) => a.status === 200, { ca: pki.caPem, token: admin.token, logFile: log('kube-apiserver') });

    const kubeconfig = new KubeConfig();
    kubeconfig.loadFromFile(kubeconfigFile);
    const clients = new HttpClientFactory(kubeconfig);
    const adminClient = clients.client({ kind: 'kubeconfig' });
    await grantControllerRoles(adminClient, controllerManager.user.name);

    const kcm = processes.start('kube-controller-manager', binaryPath(spec.binDir, 'kube-controller-manager'), [...controllerManagerArgs(settings, files, ports), ...verbosity], log('kube-controller-manager'));
    const sched = processes.start('kube-scheduler', binaryPath(spec.binDir, 'kube-scheduler'), [...schedulerArgs(files, ports), ...verbosity], log('kube-scheduler'));
    const healthy = (a: { status: number; body: string }) => a.status === 200 && a.body === 'ok';
    await waitUntilServing(kcm, `https://127.0.0.1:${ports.controllerManager}/healthz`, healthy, { ca: pki.caPem, logFile: log('kube-controller-manager') });
    await waitUntilServing(sched, `https://127.0.0.1:${ports.scheduler}/healthz`, healthy, { ca: pki.caPem, logFile: log('kube-scheduler') });
    // Pods are admitted only once their namespace's `default` ServiceAccount exists (the ServiceAccount admission plugin).
    await until('the ServiceAccount default/default', () => adminClient.get('serviceaccounts', 'default', { namespace: 'default' }), 60_000);
    await publishSettings(adminClient, spec.settings);

    return new RealControlPlane(server, kubeconfigFile, clients, performance.now() - began, workDir, processes);
  }

  /** Stops every process it started, by PID, then removes its working folder. */
  async stop(): Promise<void> {
    await this.processes.stop();
    rmSync(this.workDir, { recursive: true, force: true });
  }

  /** For an exit handler, where nothing can be awaited. */
  killNow(): void {
    this.processes.killNow();
  }
}

/** The effective settings, where the http adapter (and a user with kubectl) reads them. */
async function publishSettings(admin: ApiClient, settings: ClusterSettings): Promise<void> {
  await admin.create('configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: SETTINGS_CONFIGMAP.name, namespace: SETTINGS_CONFIGMAP.namespace },
    data: { [SETTINGS_CONFIGMAP.key]: JSON.stringify(settings, null, 2) },
  } as never);
}
