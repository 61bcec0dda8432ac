/**
 * The `real-k8s` adapter: Kubernetes' own kube-apiserver,
 * kube-controller-manager and kube-scheduler (on etcd), built from the
 * Kubernetes Go modules by `.ci/build-kubernetes` and started here on
 * loopback, driven over HTTP like any cluster (http.ts). The harness plays
 * the kubelets of the nodes scenarios add; they act as `system:node:<name>`
 * in `system:nodes` through impersonation, so the real Node authorizer and
 * NodeRestriction judge them.
 *
 * Settings: the control plane is started with the flags the settings ask
 * for (component-flags.ts) and kept running from scenario to scenario; it
 * is restarted only when a scenario asks for other control-plane settings
 * or declares a user its token file lacks. The kubelet-side settings go to
 * the simulated nodes. `schedulerExplain` cannot be had (kube-scheduler
 * records no explanation), so the effective value is false.
 *
 * Users: the scenario users are lines of the api-server's static token
 * file, so their tokens are checked by Kubernetes' own token
 * authenticator; anyone else is the admin impersonating them.
 */
import path from 'node:path';
import type { Adapter, Capability, Credentials } from '../../../spec/adapter.ts';
import type { Namespace } from '../../../spec/objects/namespace.ts';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { resolveSettings, type ClusterConfig, type ClusterSettings } from '../../../spec/settings.ts';
import type { HttpIdentity } from '../http-client.ts';
import { HttpCluster, snapshot } from '../http.ts';
import { findBinaries } from './binaries.ts';
import { controlPlaneSettings } from './component-flags.ts';
import { RealControlPlane } from './control-plane.ts';
import { TokenBook } from './token-book.ts';

const LOG_DIR = path.resolve(import.meta.dirname, '../../../reports/real-k8s');

/** What the real control plane runs when asked for `requested`. */
export function effectiveSettings(requested: ClusterConfig['settings']): ClusterSettings {
  return { ...resolveSettings(requested), schedulerExplain: false };
}

let running: { plane: RealControlPlane; key: string; tokens: TokenBook } | undefined;
let tokens = TokenBook.create();

/** The running control plane if it fits the config, otherwise a new one (the old one stopped first). */
async function controlPlaneFor(settings: ClusterSettings, config: ClusterConfig): Promise<{ plane: RealControlPlane; tokens: TokenBook }> {
  const key = JSON.stringify(controlPlaneSettings(settings));
  const users = config.users ?? [];
  if (running && running.key === key && running.tokens.covers(users)) return running;
  const binaries = findBinaries();
  if ('missing' in binaries) throw new Error(`the real-k8s adapter has no Kubernetes binaries: ${binaries.missing}`);
  if (running) {
    const old = running;
    running = undefined;
    await old.plane.stop();
  }
  tokens = tokens.including(users);
  const plane = await RealControlPlane.start({ binDir: binaries.dir, settings, tokens, logDir: LOG_DIR });
  process.stderr.write(`real-k8s: control plane started in ${(plane.startupMs / 1000).toFixed(1)} s at ${plane.server} (kubeconfig ${plane.kubeconfigFile}, logs ${path.relative(process.cwd(), LOG_DIR)}/)\n`);
  running = { plane, key, tokens };
  return running;
}

function identities(book: TokenBook): (as: Credentials) => HttpIdentity {
  return (as) => {
    if ('anonymous' in as) return { kind: 'anonymous' };
    if ('token' in as) return { kind: 'token', token: as.token };
    const token = as.groups?.length ? undefined : book.tokenOf(as.user);
    return token ? { kind: 'token', token } : { kind: 'kubeconfig', impersonate: { user: as.user, groups: as.groups ?? [] } };
  };
}

/** Kinds only scenarios create in this cluster (it runs no add-ons): all of them go before the next scenario. */
const SCENARIO_KINDS = ['deployments', 'replicasets', 'pods', 'nodes'] as const;

/**
 * What earlier scenarios leave behind on a shared control plane and a new
 * one must not see. Their cleanup deletes what they made, but the real
 * controllers keep working meanwhile: a ReplicaSet's pod created during the
 * cleanup is removed by the garbage collector with a grace period, and,
 * its kubelet gone, would stay Terminating on a node name the next scenario
 * reuses. Events about deleted objects are recorded after the cleanup, and
 * namespaces take a while to finalize. So: every Deployment, ReplicaSet, pod and node
 * is removed at once (grace 0), then every Event, and no namespace may
 * still be Terminating.
 */
async function forgetEarlierScenarios(plane: RealControlPlane): Promise<void> {
  const admin = plane.clients.client({ kind: 'kubeconfig' });
  const ignoreNotFound = (err: unknown) => {
    if ((err as { reason?: string }).reason !== 'NotFound') throw err;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const left: string[] = [];
    for (const resource of SCENARIO_KINDS) {
      for (const o of (await admin.list(resource)).items) {
        left.push(`${resource} ${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`);
        const ns = o.metadata.namespace ? { namespace: o.metadata.namespace } : {};
        await admin.delete(resource, o.metadata.name ?? '', { ...ns, gracePeriodSeconds: 0 }).catch(ignoreNotFound);
      }
    }
    const terminating = (await admin.list<Namespace & KubeObject>('namespaces')).items.filter((n) => n.status?.phase === 'Terminating');
    if (left.length === 0 && terminating.length === 0) break;
    if (Date.now() > deadline) {
      const names = [...left, ...terminating.map((n) => `namespace ${n.metadata.name ?? ''}`)];
      throw new Error(`objects of an earlier scenario are still there after 60 s: ${names.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  for (const e of (await admin.list('events')).items) {
    await admin.delete('events', e.metadata.name ?? '', { namespace: e.metadata.namespace ?? 'default' }).catch(ignoreNotFound);
  }
}

export const realK8sAdapter: Adapter = {
  name: 'real-k8s',
  capabilities: new Set<Capability>(['node-simulation', 'settings']),
  async start(config) {
    const settings = effectiveSettings(config.settings);
    const { plane, tokens: book } = await controlPlaneFor(settings, config);
    await forgetEarlierScenarios(plane);
    const admin = plane.clients.client({ kind: 'kubeconfig' });
    return new HttpCluster(plane.clients, settings, identities(book), await snapshot(admin));
  },
};

/** The control plane outlives scenarios; it ends with the harness process. */
let stopping = false;
process.on('beforeExit', () => {
  if (!running || stopping) return;
  stopping = true;
  const { plane } = running;
  running = undefined;
  void plane.stop();
});
process.on('exit', () => running?.plane.killNow());

export default realK8sAdapter;
