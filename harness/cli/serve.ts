/**
 * `kubespec serve`: the reference control plane on the real clock, with N
 * simulated nodes, serving the Kubernetes REST API over HTTPS on loopback,
 * so that kubectl (or the suite's HTTP adapter) can talk to it, and the
 * live view under /ui/ on the same port (reference/ui/). Writes a
 * kubeconfig for the admin, makes a read-only viewer whose token it
 * prints, and stops cleanly on Ctrl-C or SIGTERM. The state lives in
 * memory, or on etcd (serve-store.ts); started again on the same etcd, it
 * finds the cluster as it was and every component resumes from it (each
 * bootstrap write is a create-if-absent).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseTokenFile } from '../../reference/apiserver/authentication/authentication.ts';
import { loadCertificate, selfSignedCertificate } from '../../reference/apiserver/http/certificate.ts';
import { startHttpServer } from '../../reference/apiserver/http/server.ts';
import { DEFAULT_ADVERTISE_ADDRESS } from '../../reference/apiserver/kube-apiserver.ts';
import { ADMIN, ReferenceCluster } from '../../reference/cluster.ts';
import { freePort } from '../../reference/runtime/free-port.ts';
import { SimulatedNodes } from '../../reference/ui/server/simulated-nodes.ts';
import { ensureUiRoles } from '../../reference/ui/server/ui-roles.ts';
import { UI_PATH, uiRoutes } from '../../reference/ui/server/ui-routes.ts';
import type { UserAccount } from '../../spec/settings.ts';
import type { Command } from './kubespec.ts';
import { writeKubeconfig } from './kubeconfig.ts';
import { createIfAbsent } from '../../reference/client/create-if-absent.ts';
import { isNotFound } from '../../spec/objects/status.ts';
import type { ApiClient } from '../../spec/adapter.ts';
import type { KubeObject } from '../../spec/objects/meta.ts';
import { openServeStore, parseDuration } from './serve-store.ts';
import { SETTINGS_CONFIGMAP, settingsFromFlags } from './serve-settings.ts';

export const serve: Command = {
  summary: 'run the reference control plane and serve the Kubernetes API over HTTPS (for kubectl)',
  usage: `Usage: kubespec serve [options]

  --port N              HTTPS port on 127.0.0.1 (default 6443; 0 picks a free one)
  --nodes N             simulated nodes, named worker-1 ... worker-N (default 2)
  --node-cpu Q          allocatable CPU of each node (default 4)
  --node-memory Q       allocatable memory of each node (default 8Gi)
  --kubeconfig PATH     where to write the admin kubeconfig (default .kubespec/kubeconfig)
  --time-scale F        multiply every timing setting by F, e.g. 0.1 for a quick real-time cluster
  --set key=value       any setting of spec/settings.ts, e.g. --set nodeMonitorGracePeriodMs=4000 (repeatable)
  --token-auth-file F   more users, one "token,user,uid,\\"group1,group2\\"" line each (as kube-apiserver's flag)
  --cert F --key F      serve with this certificate instead of a fresh self-signed one
  --store S             where the cluster lives: memory (default) or etcd://HOST:PORT[,HOST:PORT...] (an etcd you run)
  --etcd-members N      start an etcd of N members of its own (Debian's etcd-server) and keep the cluster in it
  --data-dir DIR        where --etcd-members keeps its data, found again by the next start (default .kubespec/etcd)
  --request-timeout D   a request still unanswered after D gets 504 Timeout, e.g. 60s (default), 5s, 1m0s

The live view is at https://127.0.0.1:PORT/ui/: sign in with the admin's token (in the
kubeconfig) or with the read-only viewer token printed at start. The scheduler records its
explanation on each pod (schedulerExplain) unless --set schedulerExplain=false.

Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string', default: '6443' },
        nodes: { type: 'string', default: '2' },
        'node-cpu': { type: 'string', default: '4' },
        'node-memory': { type: 'string', default: '8Gi' },
        kubeconfig: { type: 'string', default: path.join('.kubespec', 'kubeconfig') },
        'time-scale': { type: 'string', default: '1' },
        set: { type: 'string', multiple: true, default: [] },
        'token-auth-file': { type: 'string' },
        cert: { type: 'string' },
        key: { type: 'string' },
        store: { type: 'string', default: 'memory' },
        'etcd-members': { type: 'string' },
        'data-dir': { type: 'string', default: path.join('.kubespec', 'etcd') },
        'request-timeout': { type: 'string', default: '60s' },
      },
    });
    // The port is settled before the cluster starts: the api-server's `kubernetes` Service points at it,
    // on the control-plane address the cluster advertises (Kubernetes refuses loopback addresses in Endpoints).
    const port = await freePortIf0(wholeNumber('--port', values.port));
    const nodeCount = wholeNumber('--nodes', values.nodes);
    if (Boolean(values.cert) !== Boolean(values.key)) throw new Error('--cert and --key go together');
    // The live view shows the scheduler's explanation of each placement, so serve records it unless told not to.
    const settings = { schedulerExplain: true, ...settingsFromFlags(values.set, Number(values['time-scale'])) };
    const viewer: UserAccount = { name: VIEWER, token: randomUUID(), groups: [] };
    const users: UserAccount[] = [
      viewer,
      ...(values['token-auth-file'] ? [...parseTokenFile(readFileSync(values['token-auth-file'], 'utf8'))].map(([token, u]) => ({ name: u.name, token, groups: u.groups })) : []),
    ];
    const certificate = values.cert && values.key ? loadCertificate(values.cert, values.key) : selfSignedCertificate();
    const requestTimeoutMs = parseDuration('--request-timeout', values['request-timeout']);
    const store = await openServeStore({
      store: values.store,
      ...(values['etcd-members'] !== undefined ? { etcdMembers: wholeNumber('--etcd-members', values['etcd-members']) } : {}),
      dataDir: values['data-dir'],
      callTimeoutMs: requestTimeoutMs,
    });

    let cluster: ReferenceCluster;
    try {
      cluster = await new ReferenceCluster(
        { settings, users },
        { clock: 'real', requestTimeoutMs, apiserverEndpoint: { address: DEFAULT_ADVERTISE_ADDRESS, port }, ...(store.open ? { store: store.open } : {}) },
      ).start();
    } catch (e) {
      await store.close();
      throw e;
    }
    const admin = cluster.client();
    await publishSettings(admin, cluster.settings);
    await ensureUiRoles(admin, [VIEWER]);
    const simulated = new SimulatedNodes(cluster.nodes, (node) => cluster.observe.proxyRules!(node));
    const nodeNames = Array.from({ length: nodeCount }, (_, i) => `worker-${i + 1}`);
    for (const name of nodeNames) await simulated.add({ name, cpu: values['node-cpu'], memory: values['node-memory'] });

    const now = () => Date.parse(cluster.clock.timestamp());
    const server = await startHttpServer({
      apiserver: cluster.apiserver,
      certificate,
      now,
      port,
      requestTimeoutMs,
      extraRoutes: uiRoutes({ apiserver: cluster.apiserver, nodes: simulated, now: () => Date.parse(cluster.clock.microTimestamp()) }),
    });
    const kubeconfig = path.resolve(values.kubeconfig);
    writeKubeconfig(kubeconfig, { server: server.url, user: ADMIN.name, token: cluster.tokenFor(ADMIN.name)!, caPem: certificate.cert });

    console.log(`kubespec: cluster state in ${store.description}`);
    console.log(`kubespec: serving the Kubernetes API at ${server.url}`);
    console.log(`kubespec: ${nodeCount} simulated node(s)${nodeCount ? `: ${nodeNames.join(', ')}` : ''}; settings in configmap ${SETTINGS_CONFIGMAP.namespace}/${SETTINGS_CONFIGMAP.name}`);
    console.log(`kubespec: admin kubeconfig written to ${kubeconfig}`);
    console.log(`kubespec: the live view is at ${server.url}${UI_PATH}`);
    console.log(`kubespec: sign in with the admin token (kubectl config view --raw -o jsonpath='{.users[0].user.token}') or the read-only viewer token ${viewer.token}`);
    console.log(`\n  export KUBECONFIG=${kubeconfig}\n  kubectl get nodes -o wide\n`);
    console.log('kubespec: press Ctrl-C to stop');

    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    console.log(`kubespec: ${signal}: stopping`);
    await server.close();
    await cluster.stop();
    await store.close();
    console.log('kubespec: stopped');
    return 0;
  },
};

/** The read-only user of the live view; serve prints its token. */
export const VIEWER = 'kubespec-viewer';

/** The settings this server runs, in a ConfigMap: created, or replaced when a restart on a kept store finds the last run's. */
async function publishSettings(admin: ApiClient, settings: object): Promise<void> {
  const { name, namespace, key } = SETTINGS_CONFIGMAP;
  const data = { [key]: JSON.stringify(settings, null, 2) };
  try {
    const current = await admin.get('configmaps', name, { namespace });
    await admin.update('configmaps', { ...current, data } as KubeObject, { namespace });
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await createIfAbsent(() => admin.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data } as KubeObject, { namespace }));
  }
}

/** Port 0 asks for any free port: one is found now, so the cluster can be told it before the server listens. */
async function freePortIf0(port: number): Promise<number> {
  return port !== 0 ? port : freePort();
}

function wholeNumber(flag: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag}: expected a whole number, got ${JSON.stringify(raw)}`);
  return n;
}
