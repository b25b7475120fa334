// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { EncodingError, MeterproofError } from '../../src/core/errors.js';
import { G, H } from '../../src/core/generators.js';
import { commit } from '../../src/core/pedersen.js';
import { IDENTITY } from '../../src/core/point.js';
import { ORDER, scalarToBytes, type Scalar } from '../../src/core/scalar.js';
import {
  decodeRangeProof,
  encodeRangeProof,
  proveRange,
  paddedCount,
  rangeProofSize,
  roundsFor,
  verifyRange,
  MAX_ROUNDS,
  MIN_ROUNDS,
  type RangeBits,
} from '../../src/proofs/rangeproof/index.js';
import { blindings, mutations, transcript, valuesFor } from './helpers.js';

const NS: RangeBits[] = [8, 16, 32, 64];
const MS = [1, 2, 3, 4, 5, 8];

describe('range proof: honest proofs', () => {
  for (const n of NS) {
    it(`verifies for n = ${n}, m ∈ {${MS.join(', ')}}`, () => {
      for (const m of MS) {
        const values = valuesFor(n, m, n + m);
        const gammas = blindings(`honest-${n}-${m}`, m);
        const { proof, commitments } = proveRange(transcript(), values, gammas, n);
        expect(commitments).toHaveLength(m);
        commitments.forEach((V, j) => expect(V.equals(commit(values[j]!, gammas[j]!))).toBe(true));
        expect(proof.L).toHaveLength(roundsFor(n, m));
        expect(proof.a).toHaveLength(paddedCount(m) % 3 === 0 ? 3 : 1);
        expect(encodeRangeProof(proof)).toHaveLength(rangeProofSize(n, m));
        expect(verifyRange(transcript(), commitments, n, proof)).toBe(true);
      }
    });
  }

  it('boundary values 0 and 2^n − 1 verify, alone and together', () => {
    for (const n of NS) {
      const max = (1n << BigInt(n)) - 1n;
      for (const values of [[0n], [max], [0n, max, 0n]]) {
        const g = blindings(`boundary-${n}-${values.length}`, values.length);
        const { proof, commitments } = proveRange(transcript(), values, g, n);
        expect(verifyRange(transcript(), commitments, n, proof)).toBe(true);
      }
    }
  });

  it('zero blindings are allowed (commitment may be the identity)', () => {
    const { proof, commitments } = proveRange(transcript(), [0n, 5n], [0n as Scalar, 0n as Scalar], 8);
    expect(commitments[0]!.equals(IDENTITY)).toBe(true);
    expect(verifyRange(transcript(), commitments, 8, proof)).toBe(true);
  });

  it('the proof size is 32·(9 + 2·log2(n·m′))', () => {
    expect(rangeProofSize(64, 1)).toBe(672);
    expect(rangeProofSize(16, 128)).toBe(992);
    expect(rangeProofSize(8, 1)).toBe(480);
    expect(rangeProofSize(16, 3)).toBe(rangeProofSize(16, 4));
    // m padded to 2^j or 3·2^j: 2,880 demand readings → 3,072 (not 4,096), 14 rounds, final length 3
    expect([1, 2, 3, 4, 5, 6, 7, 9, 13, 2880].map(paddedCount)).toEqual([1, 2, 3, 4, 6, 6, 8, 12, 16, 3072]);
    expect(rangeProofSize(16, 2880)).toBe(32 * (7 + 2 * 14 + 2 * 3));
  });
});

describe('range proof: refusals', () => {
  it('refuses out-of-range values with range.out_of_range and no value in the message', () => {
    const cases: Array<[RangeBits, bigint]> = [
      [8, 256n],
      [8, -1n],
      [16, 65536n],
      [32, 1n << 32n],
      [64, 1n << 64n],
      [64, -(1n << 70n)],
      [8, 123456789123456789n],
    ];
    for (const [n, bad] of cases) {
      const values = [3n, bad, 4n];
      try {
        proveRange(transcript(), values, blindings('oor', 3), n);
        expect.unreachable('should have thrown');
      } catch (e) {
        expect(e).toBeInstanceOf(MeterproofError);
        expect((e as MeterproofError).code).toBe('range.out_of_range');
        expect((e as Error).message).toContain('1'); // the index
        expect((e as Error).message).not.toContain(bad.toString());
      }
    }
  });

  it('refuses malformed input', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return (e as MeterproofError).code;
      }
      return undefined;
    };
    expect(code(() => proveRange(transcript(), [], [], 8))).toBe('range.invalid_input');
    expect(code(() => proveRange(transcript(), [1n], [], 8))).toBe('range.invalid_input');
    expect(code(() => proveRange(transcript(), [1n], [ORDER as Scalar], 8))).toBe('range.invalid_input');
    expect(code(() => proveRange(transcript(), [1n], blindings('x', 1), 12 as RangeBits))).toBe('range.invalid_input');
    // n·m′ above 2^MAX_ROUNDS
    const m = 3 * 2 ** (MAX_ROUNDS - 3) + 1; // padded to 2^(MAX_ROUNDS − 1): 2^(MAX_ROUNDS + 2) bits
    expect(code(() => proveRange(transcript(), new Array<bigint>(m).fill(0n), new Array<Scalar>(m).fill(0n as Scalar), 8))).toBe(
      'range.too_large',
    );
  });
});

describe('range proof: soundness checks', () => {
  const n: RangeBits = 8;
  const values = [7n, 200n, 0n];
  const gammas = blindings('mutation', 3);
  const { proof, commitments } = proveRange(transcript(), values, gammas, n);

  it('the unmodified proof verifies', () => {
    expect(verifyRange(transcript(), commitments, n, proof)).toBe(true);
  });

  it('every mutated proof element is rejected', () => {
    const muts = mutations(proof);
    expect(muts.length).toBe(7 + 2 * proof.a.length + 2 * proof.L.length + 1);
    for (const [label, bad] of muts) {
      expect(verifyRange(transcript(), commitments, n, bad), label).toBe(false);
    }
  });

  it('a wrong commitment is rejected', () => {
    for (let j = 0; j < 3; j++) {
      const cs = commitments.slice();
      cs[j] = cs[j]!.add(G);
      expect(verifyRange(transcript(), cs, n, proof)).toBe(false);
      cs[j] = commitments[j]!.add(H);
      expect(verifyRange(transcript(), cs, n, proof)).toBe(false);
    }
    // reordered commitments
    expect(verifyRange(transcript(), [commitments[1]!, commitments[0]!, commitments[2]!], n, proof)).toBe(false);
  });

  it('a different m is rejected, even with the same padded size', () => {
    // m = 4 pads to 4 as well: the identity as an explicit 4th commitment must not pass as padding
    expect(verifyRange(transcript(), [...commitments, IDENTITY], n, proof)).toBe(false);
    expect(verifyRange(transcript(), commitments.slice(0, 2), n, proof)).toBe(false);
  });

  it('a different n or statement is rejected', () => {
    expect(verifyRange(transcript(), commitments, 16, proof)).toBe(false);
    expect(verifyRange(transcript('bill-43'), commitments, n, proof)).toBe(false);
  });

  it('a value that is too large cannot be passed off with a valid proof for a smaller one', () => {
    // commitment to 2^8 = 256 (out of range) differs from every in-range commitment used above
    const V = commit(256n, gammas[0]!);
    expect(verifyRange(transcript(), [V, commitments[1]!, commitments[2]!], n, proof)).toBe(false);
  });

  it('never throws on hostile but well-typed input', () => {
    const weird = [
      { ...proof, L: [] },
      { ...proof, L: proof.L.slice(0, -1), R: proof.R.slice(0, -1) },
      { ...proof, L: proof.L.map(() => IDENTITY), R: proof.R.map(() => IDENTITY) },
      { ...proof, A: IDENTITY, S: IDENTITY, T1: IDENTITY, T2: IDENTITY },
      { ...proof, taux: ORDER as Scalar },
      { ...proof, a: proof.a.map(() => -1n as Scalar) },
      { ...proof, b: proof.b.map(() => 0n as Scalar), a: proof.a.map(() => 0n as Scalar) },
      { ...proof, a: [...proof.a, proof.a[0]!], b: [...proof.b, proof.b[0]!] },
      { ...proof, a: [], b: [] },
    ];
    for (const w of weird) expect(verifyRange(transcript(), commitments, n, w)).toBe(false);
    expect(verifyRange(transcript(), [], n, proof)).toBe(false);
    expect(verifyRange(transcript(), commitments, 7 as RangeBits, proof)).toBe(false);
  });
});

describe('range proof: encoding', () => {
  const n: RangeBits = 16;
  const { proof, commitments } = proveRange(transcript(), [1n, 2n, 65535n], blindings('enc', 3), n);
  const bytes = encodeRangeProof(proof);

  it('round-trips', () => {
    const back = decodeRangeProof(bytes, { n, m: 3 });
    expect(back.a).toHaveLength(3); // m' = 3: final vectors of length 3
    expect(encodeRangeProof(back)).toEqual(bytes);
    expect(verifyRange(transcript(), commitments, n, back)).toBe(true);
  });

  const expectEncodingError = (b: Uint8Array, code: string, shape: { n: RangeBits; m: number } = { n, m: 3 }): void => {
    try {
      decodeRangeProof(b, shape);
      expect.unreachable('decode should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(EncodingError);
      expect((e as EncodingError).code).toBe(code);
    }
  };

  it('rejects a scalar ≥ ℓ in every scalar position', () => {
    const k = proof.L.length;
    const scalarWords = [4, 5, 6, ...Array.from({ length: 6 }, (_, i) => 7 + 2 * k + i)];
    for (const w of scalarWords) {
      for (const v of [ORDER, ORDER + 1n, (1n << 256n) - 1n]) {
        const b = bytes.slice();
        const enc = new Uint8Array(32);
        let x = v;
        for (let i = 0; i < 32; i++) {
          enc[i] = Number(x & 0xffn);
          x >>= 8n;
        }
        b.set(enc, 32 * w);
        expectEncodingError(b, 'encoding.scalar');
      }
      // ℓ − 1 is fine for decoding
      const b = bytes.slice();
      b.set(scalarToBytes((ORDER - 1n) as Scalar), 32 * w);
      expect(() => decodeRangeProof(b, { n, m: 3 })).not.toThrow();
    }
  });

  it('rejects non-canonical points in every point position', () => {
    const k = proof.L.length;
    const pointWords = [0, 1, 2, 3, ...Array.from({ length: 2 * k }, (_, i) => 7 + i)];
    for (const w of pointWords) {
      // (1) s ≥ p: all ones below the top bit; (2) s "negative" (odd)
      const bad1 = new Uint8Array(32).fill(0xff);
      bad1[31] = 0x7f;
      const bad2 = bytes.slice(32 * w, 32 * w + 32);
      bad2[0]! |= 1;
      for (const bad of [bad1, bad2]) {
        const b = bytes.slice();
        b.set(bad, 32 * w);
        expectEncodingError(b, 'encoding.point');
      }
      // set the top bit: never canonical
      const b = bytes.slice();
      b[32 * w + 31]! |= 0x80;
      expectEncodingError(b, 'encoding.point');
    }
  });

  it('rejects wrong lengths', () => {
    expectEncodingError(bytes.subarray(0, bytes.length - 1), 'encoding.bytes');
    expectEncodingError(bytes.subarray(0, bytes.length - 32), 'encoding.bytes');
    expectEncodingError(new Uint8Array(0), 'encoding.bytes');
    expectEncodingError(new Uint8Array(32 * (9 + 2 * MIN_ROUNDS)), 'encoding.bytes', { n: 8, m: 3 });
    expectEncodingError(new Uint8Array(32 * (9 + 2 * (MAX_ROUNDS + 1))), 'encoding.bytes', { n: 64, m: 2 ** 16 });
    const longer = new Uint8Array(bytes.length + 64);
    longer.set(bytes);
    expectEncodingError(longer, 'encoding.bytes', { n, m: 3 });
    expectEncodingError(bytes, 'encoding.bytes', { n: 8, m: 3 });
    expectEncodingError(bytes, 'encoding.bytes', { n, m: 5 });
  });

  it('a well-formed proof with the wrong number of rounds decodes but does not verify', () => {
    // insert an extra (L, R) pair of valid points: the shape of m = 6, not of the 3 values verified
    const k = proof.L.length;
    const extended = new Uint8Array(bytes.length + 64);
    extended.set(bytes.subarray(0, 32 * (7 + 2 * k)), 0);
    extended.set(G.toBytes(), 32 * (7 + 2 * k));
    extended.set(H.toBytes(), 32 * (8 + 2 * k));
    extended.set(bytes.subarray(32 * (7 + 2 * k)), 32 * (9 + 2 * k));
    const p = decodeRangeProof(extended, { n, m: 6 });
    expect(p.L.length).toBe(k + 1);
    expect(verifyRange(transcript(), commitments, n, p)).toBe(false);
  });
});
