/** The page's state, and what its controls may ask for. */
import type { ClusterSettings } from '../../../spec/settings.ts';
import type { ProxyRoute } from '../model/proxy-routes.ts';
import type { LiveCluster } from './live-cluster.ts';
import type { Session } from './session.ts';

export interface AppState {
  session: Session;
  live: LiveCluster;
  /** The simulated nodes and whether each is silent (when the user may list them). */
  simulated: Map<string, boolean>;
  failingImages: string[];
  /** Per node: the routes its kube-proxy wrote, or why they could not be read. */
  proxyRules: Map<string, { routes: ProxyRoute[] } | { error: string }>;
  selectedPod: string | undefined;
  /** Controls waiting for the server, by name, so they show as busy and cannot be pressed twice. */
  busy: Set<string>;
  message: { kind: 'ok' | 'error'; text: string } | undefined;
}

export interface Actions {
  selectPod(key: string | undefined): void;
  silence(node: string): void;
  resume(node: string): void;
  addNode(form: { name: string; cpu: string; memory: string }): void;
  failImage(image: string): void;
  runPods(form: { name: string; image: string; cpu: string; memory: string; replicas: number }): void;
  deletePod(key: string): void;
  signOut(): void;
}

/** The effective settings the cluster publishes in ConfigMap kube-system/kubespec-settings. */
export function settingsOf(state: AppState): ClusterSettings | undefined {
  const cm = state.live.get<{ metadata: object; data?: Record<string, string> }>('configmaps', 'kube-system/kubespec-settings');
  try {
    return cm?.data?.['settings.json'] ? (JSON.parse(cm.data['settings.json']) as ClusterSettings) : undefined;
  } catch {
    return undefined;
  }
}
