/**
 * Where the real control plane's binaries are: KUBESPEC_K8S_BIN if set,
 * otherwise the cache folder `.ci/build-kubernetes` fills (it pins the
 * release; asked with --cached, it only looks and never builds).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;
export type Binary = (typeof BINARIES)[number];

const BUILD_SCRIPT = path.resolve(import.meta.dirname, '../../../.ci/build-kubernetes');

export type BinariesLookup = { dir: string } | { missing: string };

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findBinaries(env: NodeJS.ProcessEnv = process.env): BinariesLookup {
  let dir = env.KUBESPEC_K8S_BIN;
  if (!dir) {
    const asked = spawnSync('bash', [BUILD_SCRIPT, '--cached'], { encoding: 'utf8', env });
    if (asked.status !== 0) {
      return { missing: asked.stderr.trim().split('\n').pop() || `${BUILD_SCRIPT} --cached exited ${asked.status ?? asked.error?.message}` };
    }
    dir = asked.stdout.trim().split('\n').pop()!;
  }
  const absent = BINARIES.filter((b) => !executable(path.join(dir, b)));
  if (absent.length) return { missing: `no ${absent.join(', ')} in ${dir} (run .ci/build-kubernetes)` };
  return { dir };
}

export const binaryPath = (dir: string, name: Binary) => path.join(dir, name);
