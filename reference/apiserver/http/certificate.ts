/**
 * The serving certificate. kubectl sends a bearer token only over TLS, so
 * `kubespec serve` needs one: either the user's (--cert/--key) or a
 * self-signed one made at start with openssl, valid for 127.0.0.1 and
 * localhost, which the kubeconfig then names as its own CA.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ServingCertificate {
  key: string;
  cert: string;
}

export function loadCertificate(certFile: string, keyFile: string): ServingCertificate {
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

/** A fresh self-signed certificate (EC P-256, one year) for the loopback names. */
export function selfSignedCertificate(commonName = 'kubespec-apiserver'): ServingCertificate {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubespec-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', [
      'req', '-x509', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
      '-keyout', key, '-out', cert, '-days', '365', '-subj', `/CN=${commonName}`,
      '-addext', 'subjectAltName=IP:127.0.0.1,IP:0:0:0:0:0:0:0:1,DNS:localhost',
      '-addext', 'basicConstraints=critical,CA:TRUE',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    return loadCertificate(cert, key);
  } catch (e) {
    const why = (e as { code?: string }).code === 'ENOENT' ? 'openssl is not installed' : String((e as { stderr?: Buffer }).stderr ?? e).trim();
    throw new Error(`could not make a self-signed certificate (${why}); pass --cert FILE --key FILE instead`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
