/**
 * The live view of `kubespec serve`: sign in with a token, then follow
 * the cluster through the API's list and watch streams and draw it again
 * whenever something changes (and four times a second, so ages and
 * countdowns tick). Plain DOM through lit-html's templates, bundled by
 * esbuild (reference/ui/server/assets.ts).
 */
import { html, nothing, render } from 'lit-html';
import type { KubeObject } from '../../../spec/objects/meta.ts';
import { proxyRoutes } from '../model/proxy-routes.ts';
import { TimelineRecorder } from '../timeline/recorder.ts';
import { ApiError } from './api.ts';
import { LiveCluster } from './live-cluster.ts';
import { forgetToken, savedToken, signIn, type Session } from './session.ts';
import { settingsOf, type Actions, type AppState } from './state.ts';
import { controlsView } from './views/controls.ts';
import { headerView } from './views/header.ts';
import { loginView } from './views/login.ts';
import { nodeControllerView } from './views/node-controller.ts';
import { nodesView } from './views/nodes.ts';
import { podsView } from './views/pods.ts';
import { servicesView } from './views/services.ts';

const root = document.getElementById('app')!;
let state: AppState | undefined;
let loginError: string | undefined;
let drawPending = false;

function draw(): void {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    render(state ? app(state, actions) : loginView(loginError, (token) => void start(token)), root);
  });
}

function app(s: AppState, a: Actions) {
  return html`
    ${headerView(s, a)}
    <div class="layout">
      <main id="main">${nodesView(s, a)} ${podsView(s, a)} ${nodeControllerView(s)} ${servicesView(s)}</main>
      <aside aria-label="Controls">${controlsView(s, a)}</aside>
    </div>
    <div class="toast ${s.message?.kind ?? ''}" role="status" aria-live="polite" data-testid="message">${s.message?.text ?? nothing}</div>
  `;
}

const messageOf = (e: unknown) => (e instanceof ApiError ? `${e.status.reason} (${e.code}): ${e.message}` : e instanceof Error ? e.message : String(e));

/** Runs one control: marks it busy, reports the server's answer (or its Status) in the message line. */
async function act(name: string, work: (s: AppState) => Promise<string>): Promise<void> {
  const s = state;
  if (!s || s.busy.has(name)) return;
  s.busy.add(name);
  draw();
  try {
    s.message = { kind: 'ok', text: await work(s) };
  } catch (e) {
    s.message = { kind: 'error', text: messageOf(e) };
  } finally {
    s.busy.delete(name);
    draw();
  }
  const shown = s.message;
  setTimeout(() => {
    if (s.message === shown) s.message = undefined;
  }, 8000);
}

async function refreshSimulated(s: AppState): Promise<void> {
  if (s.session.may.listSimulatedNodes) {
    const list = await s.session.api.get<{ items: Array<{ metadata: { name: string }; status: { silenced: boolean } }> }>('/ui/api/nodes');
    s.simulated = new Map(list.items.map((n) => [n.metadata.name, n.status.silenced]));
    const faults = await s.session.api.get<{ items: Array<{ spec: { image: string } }> }>('/ui/api/imagefaults');
    s.failingImages = faults.items.map((f) => f.spec.image);
  }
  draw();
}

let rulesTimer: ReturnType<typeof setTimeout> | undefined;
/** kube-proxy rewrites its rules after Services and Endpoints change: read them again shortly after. */
function refreshRulesSoon(s: AppState): void {
  clearTimeout(rulesTimer);
  rulesTimer = setTimeout(async () => {
    const nodes = s.live.list<KubeObject>('nodes').map((n) => n.metadata.name ?? '');
    const next = new Map<string, { routes: ReturnType<typeof proxyRoutes> } | { error: string }>();
    for (const node of nodes) {
      try {
        const rules = await s.session.api.get<{ payload: string }>(`/ui/api/nodes/${encodeURIComponent(node)}/proxyrules`);
        next.set(node, { routes: proxyRoutes(rules.payload) });
      } catch (e) {
        next.set(node, { error: messageOf(e) });
      }
    }
    s.proxyRules = next;
    draw();
  }, 300);
}

const actions: Actions = {
  selectPod(key) {
    if (state) state.selectedPod = key;
    draw();
  },
  silence: (node) => void act(`silence ${node}`, async (s) => {
    await s.session.api.post(`/ui/api/nodes/${encodeURIComponent(node)}/silence`);
    await refreshSimulated(s);
    return `${node} is silent: its kubelet no longer posts status or renews its Lease`;
  }),
  resume: (node) => void act(`resume ${node}`, async (s) => {
    await s.session.api.post(`/ui/api/nodes/${encodeURIComponent(node)}/resume`);
    await refreshSimulated(s);
    return `${node} reports again`;
  }),
  addNode: (form) => void act('add node', async (s) => {
    const added = await s.session.api.post<{ metadata: { name: string } }>('/ui/api/nodes', form);
    await refreshSimulated(s);
    return `added ${added.metadata.name}`;
  }),
  failImage: (image) => void act('fail image', async (s) => {
    await s.session.api.post('/ui/api/imagefaults', { image });
    await refreshSimulated(s);
    return `pulls of ${image} now fail`;
  }),
  runPods: (form) => void act('run', async (s) => {
    const labels = { app: form.name };
    const requests = Object.fromEntries(Object.entries({ cpu: form.cpu, memory: form.memory }).filter(([, v]) => v));
    const spec = { containers: [{ name: 'app', image: form.image, resources: { requests } }] };
    if (form.replicas > 0) {
      await s.session.api.post('/apis/apps/v1/namespaces/default/replicasets', {
        apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: form.name, labels },
        spec: { replicas: form.replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec } },
      });
      return `ReplicaSet ${form.name} created with ${form.replicas} replica(s)`;
    }
    await s.session.api.post('/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: form.name, labels }, spec });
    return `pod ${form.name} created`;
  }),
  deletePod: (key) => void act(`delete ${key}`, async (s) => {
    const [ns, name] = key.split('/');
    await s.session.api.delete(`/api/v1/namespaces/${encodeURIComponent(ns!)}/pods/${encodeURIComponent(name!)}`);
    return `pod ${key} marked for deletion`;
  }),
  signOut() {
    forgetToken();
    state?.live.stop();
    state = undefined;
    loginError = undefined;
    draw();
  },
};

async function start(token: string): Promise<void> {
  let session: Session;
  try {
    session = await signIn(token);
  } catch (e) {
    forgetToken();
    loginError = messageOf(e);
    draw();
    return;
  }
  loginError = undefined;
  const settings = { nodeMonitorPeriodMs: 5000, nodeMonitorGracePeriodMs: 40000 };
  const recorder = new TimelineRecorder(session.now, settings);
  const s: AppState = {
    session,
    live: undefined as unknown as LiveCluster,
    simulated: new Map(),
    failingImages: [],
    proxyRules: new Map(),
    selectedPod: undefined,
    busy: new Set(),
    message: undefined,
  };
  s.live = new LiveCluster(
    session.api,
    session.now,
    recorder,
    (kind) => {
      // The recorder draws with the published settings once they are known.
      if (kind === undefined || kind === 'configmaps') Object.assign(settings, settingsOf(s) ?? {});
      if (session.may.readProxyRules && (kind === undefined || kind === 'services' || kind === 'endpoints' || kind === 'nodes')) refreshRulesSoon(s);
      draw();
    },
    (message) => {
      actions.signOut();
      loginError = `Signed out: ${message}`;
    },
  );
  state = s;
  draw();
  await s.live.start();
  await refreshSimulated(s).catch(() => undefined);
}

setInterval(() => state && draw(), 250);
const token = savedToken();
if (token) void start(token);
else draw();
