/**
 * What a fault run runs its workload against:
 *
 *   serve     `kubespec serve` on a 3-member etcd (Debian's etcd-server)
 *   real-k8s  Kubernetes' own kube-apiserver (built by .ci/build-kubernetes)
 *             on one etcd member of the etcd built with it, as the real
 *             control plane runs it (harness/adapters/real-k8s/)
 *
 * Each says why it cannot run here, so that a test skips with that reason,
 * and which faults apply to it: with one etcd member there is no quorum to
 * take away apart from the member itself, which `kill` already does.
 */
import { binaryPath, findBinaries } from '../adapters/real-k8s/binaries.ts';
import type { ApiServerUnderTest } from './api-server-under-test.ts';
import { etcdMissing, FaultEtcd } from './etcd-cluster.ts';
import { KubeApiServerUnderTest } from './kube-apiserver-under-test.ts';
import { FAULT_NAMES, type FaultName } from './nemesis.ts';
import { ServeUnderTest } from './serve-under-test.ts';

export const TARGET_NAMES = ['serve', 'real-k8s'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export interface Target {
  etcd: FaultEtcd;
  apiserver: ApiServerUnderTest;
}

/** The faults each target can be put under. */
export const TARGET_FAULTS: Record<TargetName, readonly FaultName[]> = {
  serve: ['none', ...FAULT_NAMES],
  'real-k8s': ['none', 'kill', 'pause', 'apiserver-restart'],
};

/** Why `target` cannot run on this machine, or undefined when it can. */
export function targetMissing(target: TargetName): string | undefined {
  if (target === 'serve') return etcdMissing();
  const found = findBinaries();
  return 'missing' in found ? `no Kubernetes binaries: ${found.missing}` : undefined;
}

/** Starts etcd and the api-server on it; a failed start stops what had started. */
export async function startTarget(target: TargetName, requestTimeoutMs: number): Promise<Target> {
  const missing = targetMissing(target);
  if (missing) throw new Error(missing);
  if (target === 'serve') {
    const etcd = await FaultEtcd.start(3);
    return { etcd, apiserver: await stoppingOnFailure(etcd, () => ServeUnderTest.start({ store: etcd.storeFlag, requestTimeoutMs })) };
  }
  const { dir } = findBinaries() as { dir: string };
  const etcd = await FaultEtcd.start(1, binaryPath(dir, 'etcd'));
  return { etcd, apiserver: await stoppingOnFailure(etcd, () => KubeApiServerUnderTest.start({ binDir: dir, etcdUrls: etcd.members.clientUrls, requestTimeoutMs })) };
}

async function stoppingOnFailure<T>(etcd: FaultEtcd, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (e) {
    await etcd.close();
    throw e;
  }
}
