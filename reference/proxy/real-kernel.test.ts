/**
 * The rendered rules on a real Linux kernel (P7-P9 for real): network
 * namespaces make a "node" with a bridge and two "pods" serving HTTP; the
 * rules kube-proxy would write for that topology are validated with
 * `iptables-legacy-restore --test`, loaded with `iptables-legacy-restore
 * --noflush`, and real connections to the cluster IP must reach every pod,
 * while a Service with no endpoints is refused. Needs root, `ip netns` and
 * iptables: where any is missing the test is reported skipped with the
 * reason, never passed. Namespaces are removed even when it fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { routeThroughRules } from './dataplane.ts';
import { renderJumpRules, renderServiceRules, type ServicePortInfo } from './service-chains.ts';

const PREFIX = 'kspk-';
const RUN = `${PREFIX}${process.pid}-`;
const NODE = `${RUN}node`;
const PODS = [
  { ns: `${RUN}pod1`, ip: '10.244.0.2' },
  { ns: `${RUN}pod2`, ip: '10.244.0.3' },
];
const CONNECTIONS = 60;
const SERVICES: ServicePortInfo[] = [
  { name: 'default/web:http', protocol: 'TCP', clusterIP: '10.96.0.10', port: 80, endpoints: PODS.map((p) => `${p.ip}:8080`) },
  { name: 'default/empty:http', protocol: 'TCP', clusterIP: '10.96.0.11', port: 80, endpoints: [] },
];

function whyNot(): string | undefined {
  if (process.platform !== 'linux') return `needs Linux network namespaces, this is ${process.platform}`;
  if (process.getuid?.() !== 0) return 'needs root to create network namespaces and load iptables rules';
  for (const [cmd, args] of [['ip', ['netns', 'list']], ['iptables-legacy-restore', ['--version']]] as const) {
    const r = spawnSync(cmd, [...args], { encoding: 'utf8' });
    if (r.error || r.status !== 0) return `"${cmd} ${args.join(' ')}" is not available (apt-get install -y iptables iproute2)`;
  }
  return undefined;
}

const sh = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
const inNs = (ns: string, ...cmd: string[]) => sh('ip', 'netns', 'exec', ns, ...cmd);
const restore = (ns: string, text: string, ...flags: string[]) =>
  execFileSync('ip', ['netns', 'exec', ns, 'iptables-legacy-restore', '--noflush', ...flags], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });

/** Leftovers of runs that died without cleaning up: their process is gone. Namespaces of live runs are left alone. */
function removeLeftovers(): void {
  for (const line of sh('ip', 'netns', 'list').split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const pid = Number(/^kspk-(\d+)-/.exec(name)?.[1]);
    if (!pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive || pid === process.pid) spawnSync('ip', ['netns', 'del', name]);
  }
}

function buildTopology(): void {
  sh('ip', 'netns', 'add', NODE);
  sh('ip', '-n', NODE, 'link', 'set', 'lo', 'up');
  sh('ip', '-n', NODE, 'link', 'add', 'cbr0', 'type', 'bridge');
  sh('ip', '-n', NODE, 'addr', 'add', '10.244.0.1/24', 'dev', 'cbr0');
  sh('ip', '-n', NODE, 'link', 'set', 'cbr0', 'up');
  PODS.forEach((pod, i) => {
    sh('ip', 'netns', 'add', pod.ns);
    sh('ip', '-n', NODE, 'link', 'add', `veth${i}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', pod.ns);
    sh('ip', '-n', NODE, 'link', 'set', `veth${i}`, 'master', 'cbr0', 'up');
    sh('ip', '-n', pod.ns, 'addr', 'add', `${pod.ip}/24`, 'dev', 'eth0');
    sh('ip', '-n', pod.ns, 'link', 'set', 'eth0', 'up');
    sh('ip', '-n', pod.ns, 'link', 'set', 'lo', 'up');
    sh('ip', '-n', pod.ns, 'route', 'add', 'default', 'via', '10.244.0.1');
  });
  // Cluster IPs are on no interface: a route sends them towards the pods, the rules rewrite them on the way.
  sh('ip', '-n', NODE, 'route', 'add', '10.96.0.0/12', 'dev', 'cbr0');
  inNs(NODE, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
}

/** One tiny HTTP server per pod that answers with the pod's IP; resolves once it listens. */
function startServer(pod: { ns: string; ip: string }): Promise<ChildProcess> {
  const script = `require('http').createServer((q, r) => r.end(process.env.POD_IP)).listen(8080, '0.0.0.0', () => console.log('ready'))`;
  const child = spawn('ip', ['netns', 'exec', pod.ns, process.execPath, '-e', script], { env: { ...process.env, POD_IP: pod.ip }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the HTTP server in ${pod.ns} exited with ${code}`)));
  });
}

/** From the node: `count` sequential connections to ip:port, each a fresh TCP connection; tallies who answered. */
function connect(ip: string, port: number, count: number): Record<string, number> {
  const script = `
    const http = require('http');
    const tally = {};
    (async () => {
      for (let i = 0; i < ${count}; i++) {
        const who = await new Promise((resolve) => {
          const req = http.get({ host: '${ip}', port: ${port}, agent: false, timeout: 2000 }, (res) => {
            let body = ''; res.on('data', (d) => (body += d)); res.on('end', () => resolve(body));
          });
          req.on('timeout', () => { req.destroy(); resolve('timeout'); });
          req.on('error', (e) => resolve(e.code || 'error'));
        });
        tally[who] = (tally[who] || 0) + 1;
      }
      console.log(JSON.stringify(tally));
    })();`;
  return JSON.parse(inNs(NODE, process.execPath, '-e', script)) as Record<string, number>;
}

test('real iptables: the cluster IP reaches every pod; a Service without endpoints is refused', async (t) => {
  const reason = whyNot();
  if (reason) {
    t.skip(reason);
    return;
  }
  removeLeftovers();
  const servers: ChildProcess[] = [];
  try {
    buildTopology();
    const jumps = renderJumpRules();
    const rules = renderServiceRules(SERVICES, { clusterCIDR: '10.244.0.0/16' });
    // Legacy's --test catches a jump to an undeclared chain, which nft's misses (REAL-PARTS.md).
    restore(NODE, jumps, '--test');
    restore(NODE, jumps);
    restore(NODE, rules, '--test', '--counters');
    restore(NODE, rules, '--counters');
    for (const pod of PODS) servers.push(await startServer(pod));

    const counts = connect('10.96.0.10', 80, CONNECTIONS);
    t.diagnostic(`connections to 10.96.0.10:80 by endpoint: ${JSON.stringify(counts)}`);
    console.log(`real-kernel: ${CONNECTIONS} connections to 10.96.0.10:80 -> ${JSON.stringify(counts)}`);
    assert.deepEqual(Object.keys(counts).sort(), PODS.map((p) => p.ip).sort(), `every connection should reach a pod, and every pod should be reached: ${JSON.stringify(counts)}`);
    assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), CONNECTIONS);

    // The model walks the same text to the same two pods, half each.
    const model = routeThroughRules([jumps, rules], { from: '10.244.0.1', to: '10.96.0.10', port: 80 }, { localAddresses: ['10.244.0.1'] });
    assert.equal(model.verdict, 'dnat');

    const refused = connect('10.96.0.11', 80, 3);
    t.diagnostic(`connections to 10.96.0.11:80 (no endpoints): ${JSON.stringify(refused)}`);
    assert.deepEqual(refused, { ECONNREFUSED: 3 }, 'the filter table REJECTs a Service without endpoints');
    assert.deepEqual(routeThroughRules([jumps, rules], { from: '10.244.0.1', to: '10.96.0.11', port: 80 }, { localAddresses: ['10.244.0.1'] }), { verdict: 'rejected' });

    // Nothing else is rewritten: a pod IP is reached directly.
    assert.deepEqual(connect(PODS[1]!.ip, 8080, 2), { [PODS[1]!.ip]: 2 });
  } finally {
    for (const s of servers) s.kill('SIGKILL');
    for (const ns of [NODE, ...PODS.map((p) => p.ns)]) spawnSync('ip', ['netns', 'del', ns]);
  }
});
