// A stage of `npm test`: the suite over HTTP. Starts `kubespec serve` in the
// background with short timings and no nodes of its own (scenarios add
// theirs), on an etcd of its own where Debian's etcd-server is installed (in
// memory otherwise), runs `kubespec conformance --adapter http` against it,
// stops it, and returns the scenario counts for the summary line.
//
// The timings: --time-scale 0.1 makes the node controller check every 0.5 s
// with a 4 s grace period; the toleration (30 s at that scale) is set to 10 s
// and the eviction rate to one node per 2 s, as the harness asks of a
// real-clock cluster with settings (harness/support/real-time-settings.ts),
// so that the eviction scenarios take seconds, not half minutes.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const SERVE_TIMINGS = ['--time-scale', '0.1', '--set', 'defaultTolerationSeconds=10', '--set', 'nodeEvictionRate=0.5'];

/** `run(command, args, env)` is run-all-tests' own runner (echoes output, resolves { code, out }). */
export async function httpConformanceStage(root, run, env = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubespec-http-suite-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  const kubespec = path.join(root, 'bin/kubespec.mjs');
  const onEtcd = spawnSync('sh', ['-c', 'command -v etcd'], { encoding: 'utf8' }).stdout.trim() !== '';
  const store = onEtcd ? ['--etcd-members', '1', '--data-dir', path.join(dir, 'etcd')] : [];
  if (!onEtcd) console.log('[serve] no etcd binary (Debian package etcd-server): the suite over HTTP runs on serve in memory');
  const serve = spawn(process.execPath, [kubespec, 'serve', '--port', '0', '--nodes', '0', ...SERVE_TIMINGS, '--kubeconfig', kubeconfig, ...store], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => serve.on('exit', (code) => resolve(code)));
  const problems = [];
  const counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    const ready = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 60_000);
      createInterface({ input: serve.stdout }).on('line', (line) => {
        process.stdout.write(`[serve] ${line}\n`);
        if (/serving the Kubernetes API at https:/.test(line)) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      exited.then(() => resolve(false));
    });
    if (!ready) {
      problems.push('kubespec serve did not start for the suite over HTTP');
      return { counts, problems };
    }
    const suite = await run(process.execPath, [kubespec, 'conformance', '--adapter', 'http', '--kubeconfig', kubeconfig], env);
    const line = /^(\d+) scenarios: (\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(suite.out);
    if (!line) problems.push('kubespec conformance --adapter http printed no summary');
    else [counts.passed, counts.failed, counts.skipped] = [Number(line[2]), Number(line[3]), Number(line[4])];
    if (suite.code !== 0 && counts.failed === 0) problems.push(`kubespec conformance --adapter http exited ${suite.code}`);
    return { counts, problems };
  } finally {
    serve.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) problems.push(`kubespec serve exited ${code} on SIGTERM`);
    rmSync(dir, { recursive: true, force: true });
  }
}
