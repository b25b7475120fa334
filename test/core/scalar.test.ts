/**
 * Differential tests of the WebAssembly scalar arithmetic mod ℓ (wasm/src/scalar.h) against bigints, and
 * of the range verifier's generator coefficients computed in the module against the JavaScript ones
 * (src/proofs/rangeproof/verifier.ts), whichever backend the rest of the suite runs on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wasmBackend, wasmInternals } from '../../src/core/backend/wasm.js';
import { generatorVector } from '../../src/core/generators.js';
import { seededRng } from '../../src/core/rng.js';
import { ORDER, scalarFromWide, type Scalar } from '../../src/core/scalar.js';
import { proveRange, type RangeBits, type RangeProof, type RangeProofItem } from '../../src/proofs/rangeproof/index.js';
import { rangeCoefficientsForTest } from '../../src/proofs/rangeproof/verifier.js';
import { sumOfPowers } from '../../src/proofs/rangeproof/vec.js';
import { blindings, transcript, valuesFor } from '../rangeproof/helpers.js';

const L = ORDER;
const R = 1n << 261n;
const mod = (x: bigint): bigint => ((x % L) + L) % L;
const pow = (b: bigint, e: bigint): bigint => {
  let r = 1n;
  b = mod(b);
  for (; e > 0n; e >>= 1n, b = (b * b) % L) if (e & 1n) r = (r * b) % L;
  return r;
};
const RINV = pow(R, L - 2n);
const { scalarMany } = wasmInternals;
wasmBackend();

/** Canonical scalars, with the edges: 0, 1, ℓ − 1, around 2^252 and limb boundaries (2^29k ± 1). */
const EDGES = [0n, 1n, 2n, L - 1n, L - 2n, (L - 1n) / 2n, (L + 1n) / 2n, (1n << 252n) - 1n, 1n << 252n, (1n << 252n) + 1n, ...[1, 2, 4, 8].flatMap((k) => [(1n << BigInt(29 * k)) - 1n, 1n << BigInt(29 * k)])];
const fcCanon = fc.oneof(fc.constantFrom(...EDGES), fc.bigInt({ min: 0n, max: L - 1n }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: L - (1n << 64n), max: L - 1n }));
/** Any 256-bit value (multiplication accepts them unreduced): around ℓ, 2^253, 2^256 − 1. */
const fcWide = fc.oneof(fcCanon, fc.constantFrom(L, L + 1n, 2n * L - 1n, 1n << 253n, (1n << 253n) - 1n, (1n << 255n) + 19n, (1n << 256n) - 1n), fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }));

describe('scalar arithmetic mod ℓ in the WebAssembly module', () => {
  const pairs = (arb: fc.Arbitrary<bigint>) => fc.array(fc.tuple(arb, arb), { minLength: 1, maxLength: 64 });

  it('multiplies like bigints, for canonical and unreduced 256-bit inputs', () => {
    fc.assert(
      fc.property(pairs(fcWide), (ps) => {
        const got = scalarMany(0, ps.map((p) => p[0]), ps.map((p) => p[1]));
        expect(got).toEqual(ps.map(([a, b]) => (a * b) % L));
      }),
      { numRuns: 300 },
    );
  });

  it('adds and subtracts like bigints (canonical inputs, canonical results)', () => {
    fc.assert(
      fc.property(pairs(fcCanon), (ps) => {
        const as = ps.map((p) => p[0]);
        const bs = ps.map((p) => p[1]);
        expect(scalarMany(1, as, bs)).toEqual(ps.map(([a, b]) => (a + b) % L));
        expect(scalarMany(2, as, bs)).toEqual(ps.map(([a, b]) => mod(a - b)));
      }),
      { numRuns: 300 },
    );
  });

  it('converts to and from Montgomery form (R = 2^261)', () => {
    fc.assert(
      fc.property(fc.array(fcWide, { minLength: 1, maxLength: 64 }), (xs) => {
        expect(scalarMany(3, xs, [])).toEqual(xs.map((x) => (x * R) % L));
        expect(scalarMany(4, xs, [])).toEqual(xs.map((x) => (x * RINV) % L));
      }),
      { numRuns: 200 },
    );
  });

  it('every edge pair, exhaustively', () => {
    const all = [...EDGES, L, 2n * L - 1n, (1n << 256n) - 1n];
    const as = all.flatMap((a) => all.map(() => a));
    const bs = all.flatMap(() => all);
    expect(scalarMany(0, as, bs)).toEqual(as.map((a, i) => (a * bs[i]!) % L));
    const ca = EDGES.flatMap((a) => EDGES.map(() => a)).map(mod);
    const cb = EDGES.flatMap(() => EDGES).map(mod);
    expect(scalarMany(1, ca, cb)).toEqual(ca.map((a, i) => (a + cb[i]!) % L));
    expect(scalarMany(2, ca, cb)).toEqual(ca.map((a, i) => mod(a - cb[i]!)));
  });
});

describe('range verifier coefficients: the module against the JavaScript code', () => {
  const ops = wasmBackend().rangeScalars!;
  const rng = seededRng('scalar-coefficients');
  const rand = (): Scalar => scalarFromWide(rng(64));
  const cache = new Map<string, { statement: string; commitments: RangeProofItem['commitments']; proof: RangeProof }>();
  const made = (n: RangeBits, m: number) => {
    const key = `${n}/${m}`;
    if (!cache.has(key)) {
      const statement = `coeffs-${key}`;
      const { proof, commitments } = proveRange(transcript(statement), valuesFor(n, m, m), blindings(statement, m), n);
      cache.set(key, { statement, commitments, proof });
    }
    return cache.get(key)!;
  };
  /** An item of the proof for (n, m), with its final a, b replaced by random scalars when asked (the coefficients do not care whether the proof is valid). */
  const item = (n: RangeBits, m: number, scramble: boolean): RangeProofItem => {
    const x = made(n, m);
    const proof = scramble ? { ...x.proof, a: x.proof.a.map(rand), b: x.proof.b.map(rand) } : x.proof;
    return { t: transcript(x.statement), commitments: x.commitments, n, proof };
  };
  const shapes: Array<[RangeBits, number]> = [
    [8, 1],
    [16, 1],
    [8, 3],
    [32, 2],
    [64, 1],
    [16, 5],
    [64, 3],
    [8, 12],
  ];

  it('agree for single proofs of several shapes (c = 1 and c = 3), weight 1 and random', () => {
    for (const [n, m] of shapes)
      for (const w of [1n as Scalar, rand()]) {
        const res = rangeCoefficientsForTest([item(n, m, false)], [w], ops)!;
        expect(res.backend).toEqual(res.js);
      }
  });

  it('agree for random batches (mixed shapes, scrambled a and b, random weights)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: shapes.length - 1 }), fc.boolean()), { minLength: 1, maxLength: 4 }), (picks) => {
        const items = picks.map(([i, s]) => item(shapes[i]![0], shapes[i]![1], s));
        const weights = items.map((_, p) => (p === 0 ? (1n as Scalar) : rand()));
        const res = rangeCoefficientsForTest(items, weights, ops)!;
        expect(res.backend).toEqual(res.js);
      }),
      { numRuns: 25 },
    );
  });

  it('its MSM over module-resident coefficients equals the plain MSM over the same coefficients as bigints', () => {
    const W = wasmBackend();
    const N = 192;
    const G = generatorVector('bp/G', N);
    const H = generatorVector('bp/H', N);
    W.pin(G);
    W.pin(H);
    const proofs = [
      { n: 64, mPad: 3, c: 3, r: 1n, z: rand(), yInv: rand(), a: [rand(), rand(), rand()], b: [rand(), rand(), rand()], u2: Array.from({ length: 6 }, rand), uInv: Array.from({ length: 6 }, rand) },
      { n: 16, mPad: 1, c: 1, r: rand(), z: rand(), yInv: rand(), a: [rand()], b: [rand()], u2: Array.from({ length: 4 }, rand), uInv: Array.from({ length: 4 }, rand) },
    ];
    const { g, h } = ops.coefficients(N, proofs);
    // Loose (unpinned) points, a zero scalar, the largest scalar the MSM takes, and the identity.
    const points = [W.BASE.multiply(5n), W.BASE.multiply(7n), W.ZERO, W.BASE.multiply(11n), G[3]!];
    const scalars = [rand(), 0n, rand(), (1n << 253n) - 1n, 1n];
    const want = W.msm([...G, ...H, ...points], [...g, ...h, ...scalars]);
    expect(ops.msm(G, H, proofs, points, scalars).equals(want)).toBe(true);
    // Nothing but the coefficients, and coefficients of a single short proof under longer generator vectors.
    expect(ops.msm(G, H, proofs, [], []).equals(W.msm([...G, ...H], [...g, ...h]))).toBe(true);
    const one = ops.coefficients(N, proofs.slice(1));
    expect(one.g.slice(16).every((x) => x === 0n) && one.h.slice(16).every((x) => x === 0n)).toBe(true);
    expect(ops.msm(G, H, proofs.slice(1), points, scalars).equals(W.msm([...G, ...H, ...points], [...one.g, ...one.h, ...scalars]))).toBe(true);
    expect(ops.msm([], [], [], [], []).is0()).toBe(true);
    expect(() => ops.msm(G, H, proofs, points, [1n << 253n, 0n, 0n, 0n, 0n])).toThrow(RangeError);
    expect(() => ops.msm(G, H.slice(1), proofs, [], [])).toThrow(RangeError);
  });

  it('refuses inconsistent inputs rather than reading past them', () => {
    const base = { n: 8, mPad: 1, c: 1, r: 1n, z: 2n, yInv: 3n, a: [4n], b: [5n], u2: [6n, 7n, 8n], uInv: [9n, 10n, 11n] };
    expect(() => ops.coefficients(8, [base])).not.toThrow();
    expect(() => ops.coefficients(4, [base])).toThrow(RangeError);
    expect(() => ops.coefficients(8, [{ ...base, a: [4n, 4n] }])).toThrow(RangeError);
    expect(() => ops.coefficients(8, [{ ...base, u2: [6n, 7n] }])).toThrow(RangeError);
    expect(() => ops.coefficients(8, [{ ...base, z: L }])).toThrow(RangeError);
    expect(() => ops.coefficients(8, [{ ...base, n: -8, mPad: -1 }])).toThrow(RangeError);
    expect(() => ops.coefficients(8, [{ ...base, c: 2, a: [4n, 4n], b: [5n, 5n], u2: [6n, 7n], uInv: [9n, 10n] }])).toThrow(RangeError);
  });
});

describe('Σ x^i in the module', () => {
  it('equals the bigint loop (vec.sumOfPowers) for random and edge x and n', () => {
    const ops = wasmBackend().rangeScalars!;
    fc.assert(
      fc.property(fcCanon, fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(1024, 3072, 49152, 49153)), (x, n) => {
        expect(ops.sumOfPowers(x, n)).toBe(sumOfPowers(x as Scalar, n));
      }),
      { numRuns: 150 },
    );
    expect(() => ops.sumOfPowers(L, 3)).toThrow(RangeError);
    expect(() => ops.sumOfPowers(1n, -1)).toThrow(RangeError);
  });
});
