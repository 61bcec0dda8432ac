/**
 * The pod-template-hash (controller.ComputeHash): FNV-32a of the pod
 * template, then of the Deployment's collisionCount when it has one (as 8
 * little-endian bytes), printed in decimal and re-spelt with
 * rand.SafeEncodeString's alphabet of consonants and digits, so that a
 * ReplicaSet's name never spells a word. Kubernetes hashes the template as
 * go-spew prints the Go struct (go-spew.ts); so do we, so a template gets
 * the same hash, and its ReplicaSet the same name, as on a real cluster.
 */
import type { ReplicaSet } from '../../spec/objects/replicaset.ts';
import { spewPodTemplate } from './go-spew.ts';

type PodTemplate = ReplicaSet['spec']['template'];

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** hash/fnv New32a over the bytes, continuing from `hash`. */
export function fnv32a(bytes: Uint8Array, hash = FNV_OFFSET): number {
  let h = hash;
  for (const b of bytes) h = Math.imul(h ^ b, FNV_PRIME) >>> 0;
  return h;
}

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** k8s.io/apimachinery/pkg/util/rand.SafeEncodeString. */
export const safeEncodeString = (s: string): string => [...s].map((c) => ALPHANUMS[c.codePointAt(0)! % ALPHANUMS.length]).join('');

export function computeHash(template: PodTemplate, collisionCount?: number): string {
  let hash = fnv32a(new TextEncoder().encode(spewPodTemplate(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}
