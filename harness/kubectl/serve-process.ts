/**
 * `kubespec serve` as a child process on a free loopback port, for tests
 * that talk to it with real clients (kubectl, the HTTP adapter).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServeProcess {
  url: string;
  kubeconfig: string;
  /** A scratch directory removed by stop(). */
  dir: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** SIGTERM, then resolves with the exit code once it has stopped. */
  stop(): Promise<number | null>;
}

/** Starts the server and resolves once it has printed its greeting, with the URL it serves on (or rejects with what it printed). */
export async function startServe(args: string[], readyWithinMs = 60_000): Promise<ServeProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubespec-serve-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin/kubespec.mjs'), 'serve', '--port', '0', '--kubeconfig', kubeconfig, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stderr!.on('data', (d) => (printed += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kubespec serve printed no URL within ${readyWithinMs} ms:\n${printed}`)), readyWithinMs);
    // The URL comes first; the last line of the greeting says everything is up (the tokens are printed by then).
    let served: string | undefined;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      printed += line + '\n';
      served ??= /serving the Kubernetes API at (https:\/\/\S+)/.exec(line)?.[1];
      if (served && /press Ctrl-C to stop/.test(line)) {
        clearTimeout(timer);
        resolve(served);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`kubespec serve exited with ${code} before serving:\n${printed}`));
    });
  });
  return {
    url,
    kubeconfig,
    dir,
    output: () => printed,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

/** The kubectl the tests run: $KUBESPEC_KUBECTL, or the one .ci/install-kubectl unpacks; undefined when neither exists. */
export function findKubectl(): string | undefined {
  const candidates = [process.env.KUBESPEC_KUBECTL, path.join(ROOT, '.tools/kubectl/usr/bin/kubectl')].filter((c): c is string => Boolean(c));
  return candidates.find((c) => existsSync(c));
}
