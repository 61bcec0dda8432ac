/**
 * Running the real kubectl against a `kubespec serve`: each command with a
 * fresh discovery cache (so no test leans on what another one discovered)
 * and a timeout, its exit code and output kept for the assertions.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import type { ServeProcess } from './serve-process.ts';

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface KubectlRunner {
  /** Runs `kubectl ARGS`, whatever its exit code. */
  run(...args: string[]): KubectlResult;
  /** Runs `kubectl ARGS` and fails the test unless it exits 0; answers what it printed. */
  ok(...args: string[]): string;
}

export function kubectlRunner(kubectl: string, server: () => ServeProcess): KubectlRunner {
  const run = (...args: string[]): KubectlResult => {
    const cacheDir = mkdtempSync(path.join(server().dir, 'cache-'));
    const r = spawnSync(kubectl, ['--kubeconfig', server().kubeconfig, '--cache-dir', cacheDir, '--request-timeout', '30s', ...args], { encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  return {
    run,
    ok(...args) {
      const r = run(...args);
      assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed:\n${r.stderr}`);
      return r.stdout;
    },
  };
}

/** The cells of one line of `kubectl get` output (columns are two or more spaces apart). */
export const columns = (line: string): string[] => line.trim().split(/\s{2,}/);
