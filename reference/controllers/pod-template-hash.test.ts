/**
 * The pod-template-hash is Kubernetes' own: for each template in
 * .ci/pod-template-hash/samples.json, the go-spew text and the hash equal
 * what controller.ComputeHash of Kubernetes v1.37.2 gave
 * (pod-template-hash.golden.json, written by .ci/pod-template-hash/generate).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseQuantity } from './go-quantity.ts';
import { spewPodTemplate } from './go-spew.ts';
import { computeHash, fnv32a, safeEncodeString } from './pod-template-hash.ts';

interface Sample {
  name: string;
  template: Parameters<typeof computeHash>[0];
  collisionCount?: number;
  spew: string;
  hash: string;
}
const samples: Sample[] = JSON.parse(readFileSync(new URL('./pod-template-hash.golden.json', import.meta.url), 'utf8'));

describe('the pod-template-hash, checked against Kubernetes', () => {
  for (const s of samples) {
    it(`${s.name}: ${s.hash}`, () => {
      if (s.collisionCount === undefined) assert.equal(spewPodTemplate(s.template), s.spew);
      assert.equal(computeHash(s.template, s.collisionCount), s.hash);
    });
  }

  it('tells templates that differ in one image apart', () => {
    const images = new Set(samples.slice(0, 2).map((s) => computeHash(s.template)));
    assert.equal(images.size, 2);
  });
});

describe('the parts of the hash', () => {
  it('FNV-32a gives the published test vectors', () => {
    assert.equal(fnv32a(new TextEncoder().encode('')), 0x811c9dc5);
    assert.equal(fnv32a(new TextEncoder().encode('a')), 0xe40c292c);
    assert.equal(fnv32a(new TextEncoder().encode('foobar')), 0xbf9cf968);
  });

  it('SafeEncodeString spells digits with consonants and digits only', () => {
    assert.equal(safeEncodeString('0123456789'), '456789bcdf');
  });

  it('ParseQuantity keeps its string only for canonical forms', () => {
    assert.deepEqual(parseQuantity('250m'), { value: 250, scale: -3, s: '250m', format: 'DecimalSI' });
    assert.deepEqual(parseQuantity('64Mi'), { value: 67108864, scale: 0, s: '', format: 'BinarySI' });
    assert.deepEqual(parseQuantity('1000m'), { value: 1000, scale: -3, s: '', format: 'DecimalSI' });
    assert.deepEqual(parseQuantity('1.5'), { value: 15, scale: -1, s: '', format: 'DecimalSI' });
  });
});
