/**
 * kube-proxy's chain names (pkg/proxy/iptables/proxier.go): iptables chain
 * names may be at most 28 characters, so each service port and endpoint
 * gets a hash: the first 16 characters of base32(sha256(name + protocol)).
 * The names equal real kube-proxy's, so a learner can compare them with
 * `iptables-save` on a real node.
 */
import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'; // RFC 4648, as Go's base32.StdEncoding

/** RFC 4648 base32 with '=' padding. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function hash16(text: string): string {
  return base32(createHash('sha256').update(text).digest()).slice(0, 16);
}

/** `ns/name:port`, or `ns/name` when the port has no name (proxy.ServicePortName.String()). */
export function servicePortName(namespace: string, name: string, portName: string | undefined): string {
  return portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`;
}

/** KUBE-SVC-<hash>: the chain that spreads a service port's traffic over its endpoints. */
export function serviceChainName(portName: string, protocol: string): string {
  return `KUBE-SVC-${hash16(portName + protocol.toLowerCase())}`;
}

/** KUBE-SEP-<hash>: one endpoint's chain, which DNATs to `ip:port`. */
export function endpointChainName(portName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(portName + protocol.toLowerCase() + endpoint)}`;
}
