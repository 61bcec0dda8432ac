/**
 * `kubespec serve`: the reference control plane on the real clock, with N
 * simulated nodes, serving the Kubernetes REST API over HTTPS on loopback,
 * so that kubectl (or the suite's HTTP adapter) can talk to it. Writes a
 * kubeconfig for the admin and stops cleanly on Ctrl-C or SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseTokenFile } from '../../reference/apiserver/authentication/authentication.ts';
import { loadCertificate, selfSignedCertificate } from '../../reference/apiserver/http/certificate.ts';
import { startHttpServer } from '../../reference/apiserver/http/server.ts';
import { DEFAULT_ADVERTISE_ADDRESS } from '../../reference/apiserver/kube-apiserver.ts';
import { ADMIN, ReferenceCluster } from '../../reference/cluster.ts';
import type { UserAccount } from '../../spec/settings.ts';
import type { Command } from './kubespec.ts';
import { writeKubeconfig } from './kubeconfig.ts';
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
      },
    });
    // The port is settled before the cluster starts: the api-server's `kubernetes` Service points at it,
    // on the control-plane address the cluster advertises (Kubernetes refuses loopback addresses in Endpoints).
    const port = await freePortIf0(wholeNumber('--port', values.port));
    const nodeCount = wholeNumber('--nodes', values.nodes);
    if (Boolean(values.cert) !== Boolean(values.key)) throw new Error('--cert and --key go together');
    const settings = settingsFromFlags(values.set, Number(values['time-scale']));
    const users: UserAccount[] = values['token-auth-file']
      ? [...parseTokenFile(readFileSync(values['token-auth-file'], 'utf8'))].map(([token, u]) => ({ name: u.name, token, groups: u.groups }))
      : [];
    const certificate = values.cert && values.key ? loadCertificate(values.cert, values.key) : selfSignedCertificate();

    const cluster = await new ReferenceCluster({ settings, users }, { clock: 'real', apiserverEndpoint: { address: DEFAULT_ADVERTISE_ADDRESS, port } }).start();
    const admin = cluster.client();
    await admin.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: SETTINGS_CONFIGMAP.name, namespace: SETTINGS_CONFIGMAP.namespace },
      data: { [SETTINGS_CONFIGMAP.key]: JSON.stringify(cluster.settings, null, 2) },
    } as never, { namespace: SETTINGS_CONFIGMAP.namespace });
    const nodeNames = Array.from({ length: nodeCount }, (_, i) => `worker-${i + 1}`);
    for (const name of nodeNames) await cluster.nodes.add({ name, cpu: values['node-cpu'], memory: values['node-memory'] });

    const server = await startHttpServer({
      apiserver: cluster.apiserver,
      certificate,
      now: () => Date.parse(cluster.clock.timestamp()),
      port,
    });
    const kubeconfig = path.resolve(values.kubeconfig);
    writeKubeconfig(kubeconfig, { server: server.url, user: ADMIN.name, token: cluster.tokenFor(ADMIN.name)!, caPem: certificate.cert });

    console.log(`kubespec: serving the Kubernetes API at ${server.url}`);
    console.log(`kubespec: ${nodeCount} simulated node(s)${nodeCount ? `: ${nodeNames.join(', ')}` : ''}; settings in configmap ${SETTINGS_CONFIGMAP.namespace}/${SETTINGS_CONFIGMAP.name}`);
    console.log(`kubespec: admin kubeconfig written to ${kubeconfig}`);
    console.log(`\n  export KUBECONFIG=${kubeconfig}\n  kubectl get nodes -o wide\n`);
    console.log('kubespec: press Ctrl-C to stop');

    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    console.log(`kubespec: ${signal}: stopping`);
    await server.close();
    await cluster.stop();
    console.log('kubespec: stopped');
    return 0;
  },
};

/** Port 0 asks for any free port: one is found now, so the cluster can be told it before the server listens. */
async function freePortIf0(port: number): Promise<number> {
  if (port !== 0) return port;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const found = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return found;
}

function wholeNumber(flag: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag}: expected a whole number, got ${JSON.stringify(raw)}`);
  return n;
}
