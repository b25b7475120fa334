/**
 * The pinned generator table (src/core/generator-pins.ts) is the derivation: recomputed here from the
 * labels, both with the library's hash_to_ristretto255 (noble) and with an independent implementation of
 * the RFC text (rfc9496-reference.ts, checked against the RFCs' published vectors). By default one chunk
 * of each vector is recomputed in full; `npm run pins:check` (METERPROOF_PINS_FULL=1) recomputes all 24.
 */
// @ts-nocheck

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/core/bytes.js';
import { G, GENERATOR_DST, H, generatorVector, hashToPoint } from '../../src/core/generators.js';
import { GENERATOR_CHUNK, GENERATOR_PINS, PEDERSEN_PIN, PINNED_CHUNKS, PINNED_GENERATORS } from '../../src/core/generator-pins.js';
import { toAffineBytes } from '../../src/core/msm.js';
import { RANGE_CHUNK_BITS } from '../../src/statement/proof.js';
import * as ref from './rfc9496-reference.js';

const FULL = process.env.METERPROOF_PINS_FULL === '1';
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

/** Chunk c of a vector, derived by the reference implementation: its affine table. */
function referenceChunk(name: string, c: number): Uint8Array {
  const uniforms: Uint8Array[] = [];
  for (let i = c * GENERATOR_CHUNK; i < (c + 1) * GENERATOR_CHUNK; i++) uniforms.push(ref.uniformFor(`meterproof/v1/${name}/${i}`, GENERATOR_DST));
  return ref.deriveAffine(uniforms);
}

describe('the reference hash_to_ristretto255 (RFC 9380 + RFC 9496, no noble)', () => {
  it('has the constants RFC 9496 §4.1 defines', () => {
    const { P, D, mod } = ref;
    expect(mod(D * 121666n + 121665n)).toBe(0n); // d = −121665/121666
    expect(mod(ref.SQRT_M1 * ref.SQRT_M1)).toBe(P - 1n);
    expect(mod(ref.SQRT_AD_MINUS_ONE * ref.SQRT_AD_MINUS_ONE)).toBe(mod(-D - 1n)); // a·d − 1 with a = −1
    expect(mod(ref.INVSQRT_A_MINUS_D * ref.INVSQRT_A_MINUS_D * (-1n - D))).toBe(1n);
    expect(ref.ONE_MINUS_D_SQ).toBe(mod(1n - D * D));
    expect(ref.D_MINUS_ONE_SQ).toBe(mod((D - 1n) * (D - 1n)));
  });

  it('matches RFC 9380 K.3 expand_message_xmd(SHA-512)', () => {
    const dst = 'QUUX-V01-CS02-with-expander-SHA512-256';
    expect(toHex(ref.expandMessageXmd(new Uint8Array(), dst, 32))).toBe('6b9a7312411d92f921c6f68ca0b6380730a1a4d982c507211a90964c394179ba');
    expect(toHex(ref.expandMessageXmd(new TextEncoder().encode('abc'), dst, 32))).toBe('0da749f12fbe5483eb066a5f595055679b976e93abe9be6f0f6318bce7aca8dc');
  });

  it("matches RFC 9496's element-derivation vectors (inputs SHA-512 of the ristretto.group labels)", () => {
    const vectors: Array<[string, string]> = [
      ['Ristretto is traditionally a short shot of espresso coffee', '3066f82a1a747d45120d1740f14358531a8f04bbffe6a819f86dfe50f44a0a46'],
      ['made with the normal amount of ground coffee but extracted with', 'f26e5b6f7d362d2d2a94c5d0e7602cb4773c95a2e5c31a64f133189fa76ed61b'],
      ['about half the amount of water in the same amount of time', '006ccd2a9e6867e6a2c5cea83d3302cc9de128dd2a9a57dd8ee7b9d7ffe02826'],
      ['by using a finer grind.', 'f8f0c87cf237953c5890aec3998169005dae3eca1fbb04548c635953c817f92a'],
      ['This produces a concentrated shot of coffee per volume.', 'ae81e7dedf20a497e10c304a765c1767a42d6e06029758d2d7e8ef7cc4c41179'],
      ['Just pulling a normal shot short will produce a weaker shot', 'e2705652ff9f5e44d3e841bf1c251cf7dddb77d140870d1ab2ed64f1a9ce8628'],
      ['and is not a Ristretto as some believe.', '80bd07262511cdde4863f8a7434cef696750681cb9510eea557088f76d9e5065'],
    ];
    const uniforms = vectors.map(([label]) => new Uint8Array(createHash('sha512').update(label).digest()));
    const table = ref.deriveAffine(uniforms);
    vectors.forEach(([, out], i) => {
      const { x, y } = ref.affineAt(table, i);
      expect(toHex(ref.encodeAffine(x, y))).toBe(out);
    });
  });

  it('returns the same Edwards representative as the library, for H and the first generators', () => {
    // The pins hash affine coordinates, so the two must agree on the representative, not only the element.
    const labels = ['meterproof/v1/H', 'meterproof/v1/bp/G/0', 'meterproof/v1/bp/H/0', 'meterproof/v1/bp/G/4095'];
    const table = ref.deriveAffine(labels.map((l) => ref.uniformFor(l, GENERATOR_DST)));
    expect(toHex(table)).toBe(toHex(toAffineBytes(labels.map(hashToPoint))));
    labels.forEach((l, i) => {
      const { x, y } = ref.affineAt(table, i);
      expect(toHex(ref.encodeAffine(x, y))).toBe(toHex(hashToPoint(l).toBytes()));
    });
  });
});

describe('pins', () => {
  it('cover 12 chunks of 4,096 of both vectors: every generator a range proof may use', () => {
    expect(PINNED_GENERATORS).toBe(RANGE_CHUNK_BITS);
    expect(Object.keys(GENERATOR_PINS).sort()).toEqual(['bp/G', 'bp/H']);
    for (const pins of Object.values(GENERATOR_PINS)) {
      expect(pins).toHaveLength(PINNED_CHUNKS);
      for (const p of pins) expect(p).toMatch(/^[0-9a-f]{64}$/);
      expect(new Set(pins).size).toBe(PINNED_CHUNKS);
    }
  });

  it('PEDERSEN_PIN is SHA-256 of the encodings of G (RFC 9496 base point) and H', () => {
    const base = 'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76';
    expect(toHex(G.toBytes())).toBe(base);
    const uh = ref.deriveAffine([ref.uniformFor('meterproof/v1/H', GENERATOR_DST)]);
    const { x, y } = ref.affineAt(uh, 0);
    const hRef = toHex(ref.encodeAffine(x, y));
    expect(toHex(H.toBytes())).toBe(hRef);
    expect(sha256(hex(base + hRef))).toBe(PEDERSEN_PIN);
  });

  it('chunk 0 of 𝐇, recomputed by the library, and chunk 11 of 𝐆, recomputed by the reference, match their pins', () => {
    // generatorVector checks every pinned chunk it completes itself; this recomputes independently of that.
    const lib = generatorVector('bp/H', GENERATOR_CHUNK);
    expect(sha256(toAffineBytes(lib))).toBe(GENERATOR_PINS['bp/H']![0]);
    expect(sha256(referenceChunk('bp/G', PINNED_CHUNKS - 1))).toBe(GENERATOR_PINS['bp/G']![PINNED_CHUNKS - 1]);
  });

  it.runIf(FULL)(
    'every chunk of both vectors, recomputed by the reference and by the library, matches its pin (npm run pins:check)',
    () => {
      for (const name of ['bp/G', 'bp/H']) {
        const got: string[] = [];
        for (let c = 0; c < PINNED_CHUNKS; c++) got.push(sha256(referenceChunk(name, c)));
        expect(got).toEqual(GENERATOR_PINS[name]);
        const lib = generatorVector(name, PINNED_GENERATORS);
        const libPins = Array.from({ length: PINNED_CHUNKS }, (_, c) => sha256(toAffineBytes(lib.slice(c * GENERATOR_CHUNK, (c + 1) * GENERATOR_CHUNK))));
        expect(libPins).toEqual(GENERATOR_PINS[name]);
      }
    },
    600_000,
  );
});
