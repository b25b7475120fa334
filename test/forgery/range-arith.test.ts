/**
 * The range verifier's shared arithmetic and shape rules, pinned at their edges (src/proofs/rangeproof/
 * vec.ts, statement.ts, messages.ts, innerproduct.ts `splitLength`): a reduction off by one at ℓ, a bound
 * off by one at MAX_ROUNDS or 2^30, a padded count off by one, would each change which proofs and shapes
 * the verifier accepts.
 */
import { describe, expect, it } from 'vitest';
import { ORDER, type Scalar } from '../../src/core/scalar.js';
import { innerProductChallenges, splitLength } from '../../src/proofs/rangeproof/innerproduct.js';
import { G } from '../../src/core/generators.js';
import { Transcript } from '../../src/core/transcript.js';
import { ippShape, isRangeBits, MAX_ROUNDS, paddedCount, rangeProofSize, roundsFor } from '../../src/proofs/rangeproof/messages.js';
import { shapeOf } from '../../src/proofs/rangeproof/statement.js';
import { batchInvert, innerProduct, isScalar, powers, sadd, smul, ssub, sumOfPowers } from '../../src/proofs/rangeproof/vec.js';

const S = (x: bigint) => x as Scalar;

describe('vec.ts: canonical results at the edges of [0, ℓ)', () => {
  it('sadd, ssub, smul reduce exactly at ℓ', () => {
    expect(sadd(ORDER - 1n, 1n)).toBe(0n);
    expect(sadd(ORDER - 1n, 0n)).toBe(ORDER - 1n);
    expect(sadd(ORDER - 1n, ORDER - 1n)).toBe(ORDER - 2n);
    expect(ssub(5n, 5n)).toBe(0n);
    expect(ssub(0n, 1n)).toBe(ORDER - 1n);
    expect(ssub(7n, 2n)).toBe(5n);
    expect(smul(ORDER - 1n, ORDER - 1n)).toBe(1n);
    expect(smul(2n, 3n)).toBe(6n);
  });

  it('powers, sumOfPowers, innerProduct', () => {
    expect(powers(S(3n), 4)).toEqual([1n, 3n, 9n, 27n]);
    expect(powers(S(3n), 0)).toEqual([]);
    expect(sumOfPowers(S(2n), 5)).toBe(31n);
    expect(sumOfPowers(S(ORDER - 1n), 3)).toBe(1n); // 1 − 1 + 1
    expect(sumOfPowers(S(5n), 0)).toBe(0n);
    expect(innerProduct([1n, 2n, 3n, 4n], 1, [5n, 6n, 7n], 0, 2)).toBe(2n * 5n + 3n * 6n);
    expect(innerProduct([ORDER - 1n], 0, [ORDER - 1n], 0, 1)).toBe(1n);
  });

  it('batchInvert inverts, refuses 0 anywhere, and maps [] to []', () => {
    const xs = [S(2n), S(3n), S(ORDER - 1n), S(12345678901234567890n)];
    const inv = batchInvert(xs)!;
    xs.forEach((x, i) => expect(smul(x, inv[i]!)).toBe(1n));
    expect(batchInvert([S(2n), S(0n), S(3n)])).toBeNull();
    expect(batchInvert([S(0n)])).toBeNull();
    expect(batchInvert([])).toEqual([]);
    expect(batchInvert([S(1n)])).toEqual([1n]);
  });

  it('isScalar is exactly the bigints in [0, ℓ)', () => {
    expect([0n, 1n, ORDER - 1n].map(isScalar)).toEqual([true, true, true]);
    expect([ORDER, -1n, 1, '1', null].map(isScalar)).toEqual([false, false, false, false, false]);
  });
});

describe('shapes: padded counts, rounds and their bounds', () => {
  it('isRangeBits is exactly 8, 16, 32, 64', () => {
    expect([8, 16, 32, 64].map(isRangeBits)).toEqual([true, true, true, true]);
    expect([0, 1, 4, 7, 9, 24, 48, 65, 128, '8', 8.5].map(isRangeBits)).toEqual(new Array(11).fill(false));
  });

  it('paddedCount is the smallest 2^j or 3·2^j at least m', () => {
    const want: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 6, 7: 8, 8: 8, 9: 12, 12: 12, 13: 16, 17: 24, 2880: 3072, 3073: 4096 };
    for (const [m, p] of Object.entries(want)) expect(paddedCount(Number(m)), m).toBe(p);
  });

  it('rounds and sizes', () => {
    expect(ippShape(8, 1)).toEqual({ k: 3, c: 1 });
    expect(ippShape(8, 3)).toEqual({ k: 3, c: 3 });
    expect(ippShape(16, 5)).toEqual({ k: 5, c: 3 });
    expect(roundsFor(64, 1)).toBe(6);
    expect(rangeProofSize(64, 1)).toBe(672);
    expect(rangeProofSize(16, 128)).toBe(992);
    expect(rangeProofSize(8, 3)).toBe(32 * (7 + 6 + 6));
  });

  it('shapeOf: m a positive integer, n·m\' at most 2^MAX_ROUNDS', () => {
    expect(shapeOf(8, 0)).toBeNull();
    expect(shapeOf(8, -1)).toBeNull();
    expect(shapeOf(8, 1.5)).toBeNull();
    expect(shapeOf(8, Number.NaN)).toBeNull();
    expect(shapeOf(8, 1)).toEqual({ n: 8, m: 1, mPad: 1, N: 8, k: 3, c: 1 });
    expect(shapeOf(16, 5)).toEqual({ n: 16, m: 5, mPad: 6, N: 96, k: 5, c: 3 });
    // The bound is on the rounds k (N = c·2^k): 64 × 4,096 = 2^18 and 64 × 12,288 = 3·2^18 both have
    // k = 18; 4,097 values pad to 6,144 (3·2^17, k = 17); 12,289 pad to 16,384 (k = 20) and are refused.
    expect(shapeOf(64, 4096)).toMatchObject({ k: MAX_ROUNDS, c: 1 });
    expect(shapeOf(64, 4097)).toMatchObject({ k: MAX_ROUNDS - 1, c: 3 });
    expect(shapeOf(64, 12288)).toMatchObject({ k: MAX_ROUNDS, c: 3 });
    expect(shapeOf(64, 12289)).toBeNull();
  });

  it('splitLength: N = c·2^k with c ∈ {1, 3}, 2^k ≤ 2^30', () => {
    expect(splitLength(1)).toEqual({ k: 0, c: 1 });
    expect(splitLength(3)).toEqual({ k: 0, c: 3 });
    expect(splitLength(8)).toEqual({ k: 3, c: 1 });
    expect(splitLength(24)).toEqual({ k: 3, c: 3 });
    expect(splitLength(2 ** 30)).toEqual({ k: 30, c: 1 });
    expect(splitLength(3 * 2 ** 30)).toEqual({ k: 30, c: 3 });
    for (const N of [0, -8, 1.5, 5, 6 * 5, 9, 12 * 7, 2 ** 31, 3 * 2 ** 31, Number.NaN]) expect(splitLength(N), String(N)).toBeNull();
  });
});

describe('innerProductChallenges: the replay refuses a proof of the wrong shape', () => {
  const t = () => new Transcript('meterproof/v1/test/ipp-shape');
  const L3 = [G, G.add(G), G.add(G).add(G)];
  const one = [S(1n)];

  it('control: N = 8 with 3 rounds and final vectors of 1', () => {
    const r = innerProductChallenges(t(), 8, { L: L3, R: L3, a: one, b: one });
    expect(r).not.toBeNull();
    expect(r!.s).toHaveLength(8);
    expect(r!.u2).toHaveLength(3);
  });

  it('a length that is not c·2^k, rounds that do not match N, R and L of different lengths, final vectors of the wrong length: null', () => {
    expect(innerProductChallenges(t(), 5, { L: L3, R: L3, a: one, b: one })).toBeNull();
    expect(innerProductChallenges(t(), 16, { L: L3, R: L3, a: one, b: one })).toBeNull();
    expect(innerProductChallenges(t(), 8, { L: L3, R: L3.slice(1), a: one, b: one })).toBeNull();
    expect(innerProductChallenges(t(), 8, { L: L3, R: L3, a: [S(1n), S(2n)], b: one })).toBeNull();
    expect(innerProductChallenges(t(), 8, { L: L3, R: L3, a: one, b: [] })).toBeNull();
    expect(innerProductChallenges(t(), 24, { L: L3, R: L3, a: one, b: one })).toBeNull();
  });
});
