/**
 * The API over HTTPS, as kubectl and client-go meet it: `kubespec serve`
 * in its own process, driven from this one over 64 keep-alive connections.
 * p50 and p99 of GET one pod, LIST 100 pods and POST a pod, and the delay
 * from a write to its arrival on each of 1,000 open watches. The ceiling,
 * measured the same way in the same run: a bare Node HTTPS server on the
 * same certificate answering the same bytes. Target: GET and POST p99 at
 * most twice the ceiling's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'yaml';
import { selfSignedCertificate } from '../reference/apiserver/http/certificate.ts';
import { percentile, scaled, SCALE, type Benchmark, type Figure } from './figures.ts';
import { HttpsLoad, openWatches, type Target } from './api/https-load.ts';
import { benchPod } from './load.ts';

const CONNECTIONS = 64;
const SEEDED = 1000;
const GETS = scaled(4000);
const LISTS = scaled(400);
const POSTS = scaled(2000);
const WATCHES = scaled(1000);
const WRITES = 20;
const NS = 'bench';
const WATCH_NS = 'bench-watch';
const root = path.resolve(import.meta.dirname, '..');

/** Pods nobody schedules (no scheduler has this name), so the server does nothing but answer. */
const quietPod = (name: string, namespace: string) => ({ ...benchPod(0, namespace, { schedulerName: 'bench-unscheduled' }), metadata: { name, namespace } });

async function startChild(args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = line.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`)));
  });
  return { child, match };
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface Measured {
  get: number[];
  list: number[];
  post: number[];
  delivery: number[];
  answers?: { get: string; list: string; post: string };
}

async function measure(target: Target, prepare: boolean): Promise<Measured> {
  const load = new HttpsLoad(target, CONNECTIONS);
  const pods = `/api/v1/namespaces/${NS}/pods`;
  let answers: Measured['answers'];
  if (prepare) {
    for (const name of [NS, WATCH_NS]) await load.send('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    await load.latencies(SEEDED, CONNECTIONS, (i) => ({ method: 'POST', path: pods, body: quietPod(`pod-${i}`, NS), expect: 201 }));
    answers = {
      get: (await load.send('GET', `${pods}/pod-0`)).body.toString(),
      list: (await load.send('GET', `${pods}?limit=100`)).body.toString(),
      post: (await load.send('POST', pods, quietPod('pod-answer', NS))).body.toString(),
    };
  }
  // Every connection open and warm before anything is timed: a TLS handshake is not a GET.
  await load.latencies(CONNECTIONS * 4, CONNECTIONS, (i) => ({ method: 'GET', path: `${pods}/pod-${i % SEEDED}`, expect: 200 }));
  const get = await load.latencies(GETS, CONNECTIONS, (i) => ({ method: 'GET', path: `${pods}/pod-${i % SEEDED}`, expect: 200 }));
  const list = await load.latencies(LISTS, CONNECTIONS, () => ({ method: 'GET', path: `${pods}?limit=100`, expect: 200 }));
  const post = await load.latencies(POSTS, CONNECTIONS, (i) => ({ method: 'POST', path: pods, body: quietPod(`post-${i}`, NS), expect: 201 }));

  // Writes one at a time; each is timed from its send to its arrival on every watch.
  const delivery: number[] = [];
  let sentAt = 0;
  let arrived = 0;
  let allArrived = () => {};
  const stop = await openWatches(target, WATCHES, `/api/v1/namespaces/${WATCH_NS}/pods?watch=1`, (_watcher, line) => {
    if (!line.includes('"ADDED"')) return;
    delivery.push(performance.now() - sentAt);
    if (++arrived === WATCHES) allArrived();
  });
  for (let k = 0; k < WRITES; k++) {
    arrived = 0;
    const all = new Promise<void>((resolve, reject) => {
      allArrived = resolve;
      setTimeout(() => reject(new Error(`write ${k} reached ${arrived} of ${WATCHES} watches in 60 s`)), 60_000).unref();
    });
    sentAt = performance.now();
    await load.send('POST', `/api/v1/namespaces/${WATCH_NS}/pods`, quietPod(`watched-${k}`, WATCH_NS));
    await all;
  }
  stop();
  load.close();
  return { get, list, post, delivery, ...(answers ? { answers } : {}) };
}

export default {
  id: 'api',
  title: `api over HTTPS: ${CONNECTIONS} connections, ${WATCHES} watches${SCALE !== 1 ? ` (KUBESPEC_BENCH_SCALE=${SCALE})` : ''}`,
  async run() {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubespec-bench-api-'));
    try {
      const cert = selfSignedCertificate();
      const certFile = path.join(dir, 'cert.pem');
      const keyFile = path.join(dir, 'key.pem');
      writeFileSync(certFile, cert.cert);
      writeFileSync(keyFile, cert.key);

      const kubeconfig = path.join(dir, 'kubeconfig');
      const serve = await startChild(
        ['bin/kubespec.mjs', 'serve', '--port', '0', '--nodes', '0', '--kubeconfig', kubeconfig, '--cert', certFile, '--key', keyFile],
        /serving the Kubernetes API at (https:\S+)/,
      );
      let reference: Measured;
      try {
        const token = (parse(readFileSync(kubeconfig, 'utf8')) as { users: Array<{ user: { token: string } }> }).users[0]!.user.token;
        reference = await measure({ url: serve.match[1]!, ca: cert.cert, token }, true);
      } finally {
        await stopChild(serve.child);
      }

      const answersFile = path.join(dir, 'answers.json');
      writeFileSync(answersFile, JSON.stringify({ ...reference.answers, watchNamespace: WATCH_NS }));
      const bare = await startChild(['--import', 'tsx', 'bench/api/bare-server.ts', certFile, keyFile, answersFile], /listening at (https:\S+)/);
      let ceiling: Measured;
      try {
        ceiling = await measure({ url: bare.match[1]!, ca: cert.cert }, false);
      } finally {
        await stopChild(bare.child);
      }

      const pair = (id: string, label: string, ours: number[], bareOnes: number[], p: number, target?: number): Figure => ({
        id: `api.${id}_p${p}_ms`,
        label: `${label}, p${p}`,
        value: percentile(ours, p),
        unit: 'ms',
        better: 'lower',
        ...(target ? { target: target * percentile(bareOnes, p) } : {}),
        baseline: { label: 'bare Node HTTPS, same bytes', value: percentile(bareOnes, p) },
      });
      const figures: Figure[] = [
        pair('get', 'GET one pod', reference.get, ceiling.get, 50),
        pair('get', 'GET one pod', reference.get, ceiling.get, 99, 2),
        pair('list', 'LIST 100 pods', reference.list, ceiling.list, 50),
        pair('list', 'LIST 100 pods', reference.list, ceiling.list, 99),
        pair('post', 'POST a pod', reference.post, ceiling.post, 50),
        pair('post', 'POST a pod', reference.post, ceiling.post, 99, 2),
        pair('watch_delivery', `write to delivery on ${WATCHES} watches`, reference.delivery, ceiling.delivery, 50),
        pair('watch_delivery', `write to delivery on ${WATCHES} watches`, reference.delivery, ceiling.delivery, 99),
      ];
      return {
        id: 'api',
        title: this.title,
        figures,
        details: { scale: SCALE, requests: { get: GETS, list: LISTS, post: POSTS, writes: WRITES }, note: 'targets are twice the ceiling measured in the same run' },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
} satisfies Benchmark;
