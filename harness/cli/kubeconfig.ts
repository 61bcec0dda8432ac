/**
 * The kubeconfig `kubespec serve` writes: one cluster (its URL and its
 * self-signed certificate as the CA), one user (the admin's bearer token),
 * one context, current. kubectl, client-go and @kubernetes/client-node all
 * read it as they read any other.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

export interface KubeconfigSpec {
  server: string;
  token: string;
  user: string;
  /** PEM of the serving certificate, trusted as the CA; without it TLS verification is skipped. */
  caPem?: string;
  name?: string;
}

export function kubeconfigYaml(spec: KubeconfigSpec): string {
  const name = spec.name ?? 'kubespec';
  const cluster = spec.caPem
    ? { server: spec.server, 'certificate-authority-data': Buffer.from(spec.caPem).toString('base64') }
    : { server: spec.server, 'insecure-skip-tls-verify': true };
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster }],
    users: [{ name: spec.user, user: { token: spec.token } }],
    contexts: [{ name, context: { cluster: name, user: spec.user, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  });
}

/** Writes the kubeconfig readable only by its owner (it holds the admin token). */
export function writeKubeconfig(file: string, spec: KubeconfigSpec): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, kubeconfigYaml(spec), { mode: 0o600 });
}
