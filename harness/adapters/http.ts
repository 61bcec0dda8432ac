/**
 * The HTTP adapter: drives any Kubernetes API server a kubeconfig names
 * (`KUBESPEC_KUBECONFIG`), such as `kubespec serve` or a real cluster. The
 * harness plays the kubelets of the nodes a scenario adds; there is no
 * virtual time and no store log, so scenarios that need them are skipped.
 *
 * Identities: the kubeconfig's user is the admin; anyone else is that admin
 * impersonating `{user, groups}` (Impersonate-User / Impersonate-Group).
 * A scenario's users with tokens are impersonated too, since a running
 * server cannot learn new tokens; any other token is sent as it is.
 *
 * Settings: read from the ConfigMap kube-system/kubespec-settings that
 * `kubespec serve` publishes; a cluster without it is assumed to run
 * Kubernetes' defaults, and requested settings are not applied (no
 * `settings` capability).
 *
 * The server outlives a scenario, so stop() deletes whatever the scenario
 * created (every object whose uid was not there at start).
 */
import { KubeConfig } from '@kubernetes/client-node';
import type { Adapter, ApiClient, Capability, ClusterUnderTest, Credentials } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { isNotFound } from '../../spec/objects/status.ts';
import { resolveSettings, type ClusterConfig, type ClusterSettings } from '../../spec/settings.ts';
import { STORED_RESOURCES } from '../../reference/apiserver/registry/resources.ts';
import { SETTINGS_CONFIGMAP } from '../../spec/settings.ts';
import { HttpClientFactory, type HttpIdentity } from './http-client.ts';
import { SimulatedNodes } from './simulated-nodes.ts';

/** Kubernetes 1.32's own defaults where they differ from the note's, for clusters that do not publish their settings. */
const KUBERNETES_DEFAULTS: Partial<ClusterSettings> = { nodeMonitorGracePeriodMs: 50_000 };
/** Deleted first so their kubelets and controllers stop caring (a Deployment before the ReplicaSets it would make again); namespaces and nodes last. */
const FIRST = ['deployments', 'pods', 'replicasets'];
const CLEANUP_ORDER = [...FIRST, ...STORED_RESOURCES.filter((r) => ![...FIRST, 'namespaces', 'nodes'].includes(r)), 'nodes', 'namespaces'];

export function kubeconfigFromEnv(): KubeConfig {
  const file = process.env.KUBESPEC_KUBECONFIG;
  if (!file) throw new Error('the http adapter needs a kubeconfig: set KUBESPEC_KUBECONFIG, or run `kubespec conformance --adapter http --kubeconfig FILE`');
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

async function publishedSettings(admin: ApiClient): Promise<ClusterSettings> {
  try {
    const cm = await admin.get<KubeObject & { data?: Record<string, string> }>('configmaps', SETTINGS_CONFIGMAP.name, { namespace: SETTINGS_CONFIGMAP.namespace });
    return resolveSettings(JSON.parse(cm.data?.[SETTINGS_CONFIGMAP.key] ?? '{}') as Partial<ClusterSettings>);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    return resolveSettings(KUBERNETES_DEFAULTS);
  }
}

/** Every object's uid, per resource: what was there before the scenario. */
export async function snapshot(admin: ApiClient): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const resource of STORED_RESOURCES) {
    const list = await admin.list(resource);
    out.set(resource, new Set(list.items.map((o) => o.metadata.uid ?? '')));
  }
  return out;
}

/** How a scenario's credentials reach the server: the kubeconfig's user, impersonation, or a token as it is. */
export type IdentityMapping = (as: Credentials) => HttpIdentity;

/** A running server cannot learn new tokens: a scenario user's token is the admin impersonating that user. */
export function impersonatingUsers(users: ClusterConfig['users'] = []): IdentityMapping {
  const byToken = new Map(users.map((u) => [u.token, { user: u.name, groups: u.groups ?? [] }]));
  return (as) => {
    if ('anonymous' in as) return { kind: 'anonymous' };
    if ('token' in as) {
      const known = byToken.get(as.token);
      return known ? { kind: 'kubeconfig', impersonate: known } : { kind: 'token', token: as.token };
    }
    return { kind: 'kubeconfig', impersonate: { user: as.user, groups: as.groups ?? [] } };
  };
}

export class HttpCluster implements ClusterUnderTest {
  readonly nodes: SimulatedNodes;
  readonly clock = { now: () => performance.now() - this.startedAt };
  readonly observe = { unexpectedErrors: () => this.nodes.work.errors };
  private readonly startedAt = performance.now();
  private readonly admin: ApiClient;

  constructor(
    private readonly clients: HttpClientFactory,
    readonly settings: ClusterSettings,
    private readonly identity: IdentityMapping,
    private readonly before: Map<string, Set<string>>,
  ) {
    this.admin = clients.client({ kind: 'kubeconfig' });
    this.nodes = new SimulatedNodes(settings, (node) => clients.client({ kind: 'kubeconfig', impersonate: { user: `system:node:${node}`, groups: ['system:nodes'] } }));
  }

  client(as?: Credentials): ApiClient {
    return as ? this.clients.client(this.identity(as)) : this.admin;
  }

  async settle(): Promise<void> {
    await this.nodes.work.idle();
  }

  async stop(): Promise<void> {
    this.nodes.stop();
    await this.settle();
    // Twice: components may still record events about what the first pass deleted.
    const failures: unknown[] = [];
    for (let pass = 0; pass < 2; pass++) {
      for (const resource of CLEANUP_ORDER) {
        const list = await this.admin.list(resource);
        for (const obj of list.items) {
          if (this.before.get(resource)?.has(obj.metadata.uid ?? '')) continue;
          await this.admin
            .delete(resource, obj.metadata.name ?? '', { ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}), gracePeriodSeconds: 0 })
            .catch((e: unknown) => {
              if (!isNotFound(e) && pass === 1) failures.push(e);
            });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (failures.length) throw new Error(`could not clean up after the scenario: ${failures.map((e) => (e as Error).message).join('; ')}`);
    await this.namespacesGone();
  }

  /**
   * A deleted namespace stays Terminating until the namespace controller has
   * emptied it: the next scenario may reuse its name, so wait until the
   * namespaces this one made are gone.
   */
  private async namespacesGone(withinMs = 60_000): Promise<void> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const left = (await this.admin.list('namespaces')).items.filter((n) => !this.before.get('namespaces')?.has(n.metadata.uid ?? ''));
      if (left.length === 0) return;
      if (Date.now() > deadline) throw new Error(`namespaces of the scenario still there after ${withinMs / 1000} s: ${left.map((n) => n.metadata.name).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export const httpAdapter: Adapter = {
  name: 'http',
  capabilities: new Set<Capability>(['node-simulation']),
  async start(config: ClusterConfig) {
    const clients = new HttpClientFactory(kubeconfigFromEnv());
    const admin = clients.client({ kind: 'kubeconfig' });
    const settings = await publishedSettings(admin);
    return new HttpCluster(clients, settings, impersonatingUsers(config.users), await snapshot(admin));
  },
};

export default httpAdapter;
