/**
 * The certificates one real control plane runs with, made fresh per start:
 * a CA, a serving certificate it signs for 127.0.0.1 (the api-server, the
 * controller manager and the scheduler all serve it on loopback), and the
 * RSA key pair that signs and verifies service-account tokens. Node's
 * crypto makes keys but cannot issue X.509 certificates, so Debian's
 * `openssl` does that part.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Pki {
  caCert: string;
  caPem: string;
  servingCert: string;
  servingKey: string;
  serviceAccountKey: string;
  serviceAccountPublicKey: string;
}

/** The names the api-server answers to: loopback, and the in-cluster names of the `kubernetes` Service. */
const SERVING_NAMES = ['IP:127.0.0.1', 'DNS:localhost', 'DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc'];

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args);
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new Error('the real-k8s adapter needs `openssl` on PATH to make its certificates (Debian package openssl)');
    throw new Error(`openssl ${args[0]} failed: ${err.stderr?.trim() || err.message}`);
  }
}

export async function makePki(dir: string): Promise<Pki> {
  const file = (name: string) => path.join(dir, name);
  const days = '7';
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', days, '-subj', '/CN=kubespec-real-k8s-ca']);
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('serving.key'), '-out', file('serving.csr'), '-subj', '/CN=kube-apiserver']);
  writeFileSync(file('serving.ext'), `subjectAltName=${SERVING_NAMES.join(',')}\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n`);
  await openssl(['x509', '-req', '-in', file('serving.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('serving.crt'), '-days', days, '-extfile', file('serving.ext')]);

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(file('sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(file('sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));

  return {
    caCert: file('ca.crt'),
    caPem: readFileSync(file('ca.crt'), 'utf8'),
    servingCert: file('serving.crt'),
    servingKey: file('serving.key'),
    serviceAccountKey: file('sa.key'),
    serviceAccountPublicKey: file('sa.pub'),
  };
}
