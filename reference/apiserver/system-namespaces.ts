/**
 * The namespaces every cluster has, created by the api-server itself at
 * every start when they are missing (kube-apiserver's system namespaces
 * controller, pkg/controlplane/controller/systemnamespaces): `default`,
 * `kube-system`, `kube-public` and `kube-node-lease`.
 */
import type { ApiClient } from '../../spec/adapter.ts';
import { createIfAbsent } from '../client/create-if-absent.ts';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

export async function ensureSystemNamespaces(client: ApiClient): Promise<void> {
  for (const name of SYSTEM_NAMESPACES) await createIfAbsent(() => client.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
}
