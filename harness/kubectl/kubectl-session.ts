/**
 * Running a real kubectl against a `kubespec serve` for the kubectl tests:
 * each command with a fresh discovery cache (so what the server serves now
 * is what kubectl sees), one-shot or streaming until a line shows up.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { startServe, type ServeProcess } from './serve-process.ts';

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A kubectl still running (a drain, a delete that waits), whose output is kept. */
export interface RunningKubectl {
  /** Resolves once a line of stdout or stderr matches; false if the command ends or `withinMs` passes first. */
  until(matches: RegExp, withinMs: number): Promise<boolean>;
  /** Resolves when the command exits, with everything it printed. */
  done(): Promise<KubectlResult>;
  /** Everything printed so far, stdout and stderr interleaved as lines. */
  output(): string;
}

export class KubectlSession {
  private readonly server: () => ServeProcess;

  /** `server` may be a getter, for a session made before its server starts (in a describe block, before `before`). */
  constructor(
    private readonly kubectl: string,
    server: ServeProcess | (() => ServeProcess),
  ) {
    this.server = typeof server === 'function' ? server : () => server;
  }

  private args(args: readonly string[]): string[] {
    const cacheDir = mkdtempSync(path.join(this.server().dir, 'cache-'));
    return ['--kubeconfig', this.server().kubeconfig, '--cache-dir', cacheDir, '--request-timeout', '30s', ...args];
  }

  run(...args: string[]): KubectlResult {
    // 90 s: past kubectl's own --request-timeout and the longest `rollout status --timeout` a test gives.
    const r = spawnSync(this.kubectl, this.args(args), { encoding: 'utf8', timeout: 90_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  /** The command's stdout; throws with its stderr when it fails. */
  ok(...args: string[]): string {
    const r = this.run(...args);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}:\n${r.stderr}\n${r.stdout}`);
    return r.stdout;
  }

  /** `kubectl apply -f` of a manifest given as text. */
  apply(name: string, yaml: string): string {
    const file = path.join(this.server().dir, name);
    writeFileSync(file, yaml);
    return this.ok('apply', '-f', file);
  }

  start(...args: string[]): RunningKubectl {
    const child: ChildProcess = spawn(this.kubectl, this.args(args), { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const waiters: Array<() => void> = [];
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stdout = '';
    let stderr = '';
    const take = (stream: 'out' | 'err') => (line: string) => {
      lines.push(line);
      if (stream === 'out') stdout += `${line}\n`;
      else stderr += `${line}\n`;
      for (const w of waiters) w();
    };
    createInterface({ input: child.stdout! }).on('line', take('out'));
    createInterface({ input: child.stderr! }).on('line', take('err'));
    return {
      output: () => lines.join('\n'),
      until: (matches, withinMs) =>
        new Promise((resolve) => {
          const check = () => lines.some((l) => matches.test(l)) && finish(true);
          const timer = setTimeout(() => finish(false), withinMs);
          const finish = (found: boolean) => {
            clearTimeout(timer);
            resolve(found);
            return true;
          };
          waiters.push(check);
          void exited.then(() => setImmediate(() => finish(lines.some((l) => matches.test(l)))));
          check();
        }),
      done: async () => {
        const code = await exited;
        await new Promise((resolve) => setImmediate(resolve));
        return { code, stdout, stderr };
      },
    };
  }
}

/** The cells of a line of kubectl's table output. */
export const columns = (line: string): string[] => line.trim().split(/\s{2,}/);

/** A table's rows (header dropped) as cells. */
export const rows = (table: string): string[][] => table.trimEnd().split('\n').slice(1).map(columns);

/**
 * For a describe block of kubectl tests: `kubespec serve --nodes 2
 * --time-scale 0.1` started before its tests and stopped after them (the
 * block fails unless it stops cleanly), and a session against it. Without
 * a kubectl nothing starts; the tests skip themselves.
 */
export function servedSession(kubectl: string | undefined): KubectlSession {
  let server: ServeProcess | undefined;
  before(async () => {
    if (kubectl) server = await startServe(['--nodes', '2', '--time-scale', '0.1']);
  });
  after(async () => {
    if (!server) return;
    const code = await server.stop();
    assert.equal(code, 0, `kubespec serve did not stop cleanly:\n${server.output()}`);
  });
  return new KubectlSession(kubectl ?? '', () => server!);
}
