// @ts-nocheck
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { G, H, generatorVector } from '../../src/core/generators.js';
import { extAdd, extDbl, extIsIdentity, extNeg, extSub, fromExt, msmPippenger, msmStraus, nobleMsm, toExt, EXT_IDENTITY } from '../../src/core/backend/noble-msm.js';
import { nobleBackend } from '../../src/core/backend/noble.js';
import { msm } from '../../src/core/msm.js';
import { IDENTITY, type Point } from '../../src/core/point.js';
import { ORDER, scalar, scalarFromWide, type Scalar } from '../../src/core/scalar.js';
import { seededRng } from '../../src/core/rng.js';
import { equalBytes } from '../../src/core/bytes.js';

const rng = seededRng('msm-tests');
const rs = (): Scalar => scalarFromWide(rng(64));

function naive(points: readonly Point[], scalars: readonly bigint[]): Point {
  let acc = IDENTITY;
  for (let i = 0; i < points.length; i++) acc = acc.add(points[i]!.multiplyUnsafe(scalars[i]!));
  return acc;
}

function randomInstance(n: number): { points: Point[]; scalars: bigint[] } {
  const base = generatorVector('test/msm', 40);
  const points: Point[] = [];
  const scalars: bigint[] = [];
  for (let i = 0; i < n; i++) {
    // mix in identities, repeats and negations, and edge scalars
    const p = i % 9 === 4 ? IDENTITY : i % 7 === 3 ? base[i % 5]!.negate() : base[i % base.length]!.add(G.multiply(scalar(i + 1)));
    points.push(p);
    scalars.push(i % 6 === 2 ? 0n : i % 11 === 5 ? ORDER - 1n : i % 13 === 7 ? 1n : rs());
  }
  return { points, scalars };
}

describe('msm', () => {
  it('agrees with noble and the naive sum for assorted sizes', () => {
    for (const n of [0, 1, 2, 3, 7, 16, 31, 32, 33, 70, 150]) {
      const { points, scalars } = randomInstance(n);
      // The active backend against the naive sum, and noble's own algorithms on noble points.
      const got = msm(points, scalars);
      if (n <= 16) expect(naive(points, scalars).equals(got)).toBe(true);
      const np = points.map((p) => nobleBackend.fromBytes(p.toBytes()));
      const ref = nobleMsm(np, scalars);
      expect(got.toBytes()).toEqual(ref.toBytes());
      expect(msmStraus(np, scalars).equals(ref)).toBe(true);
      expect(msmPippenger(np, scalars).equals(ref)).toBe(true);
      for (const c of [2, 3, 5, 8, 11]) expect(msmPippenger(np, scalars, c).equals(ref)).toBe(true);
    }
  });

  it('handles all-zero scalars and the identity', () => {
    const pts = [G, H, IDENTITY];
    expect(msm(pts, [0n, 0n, 0n]).equals(IDENTITY)).toBe(true);
    expect(msm([IDENTITY, IDENTITY], [5n, ORDER - 1n]).equals(IDENTITY)).toBe(true);
    expect(msm([G, G], [1n, ORDER - 1n]).is0()).toBe(true);
  });

  it('rejects scalars out of range and mismatched lengths', () => {
    expect(() => msm([G], [-1n])).toThrow(RangeError);
    expect(() => msm([G], [1n << 253n])).toThrow(RangeError);
    expect(() => msm([G, H], [1n])).toThrow(RangeError);
  });

  it('point formulas of the noble backend match noble', () => {
    const P = nobleBackend.fromBytes(G.multiply(scalar(12345)).toBytes());
    const Q = nobleBackend.fromBytes(H.multiply(scalar(999)).toBytes());
    expect(fromExt(extAdd(toExt(P), toExt(Q))).equals(P.add(Q))).toBe(true);
    expect(fromExt(extSub(toExt(P), toExt(Q))).equals(P.subtract(Q))).toBe(true);
    expect(fromExt(extNeg(toExt(P))).equals(P.negate())).toBe(true);
    expect(fromExt(extDbl(toExt(P), 5)).equals(P.multiply(32n))).toBe(true);
    expect(fromExt(extAdd(toExt(P), toExt(P))).equals(P.double())).toBe(true);
    expect(fromExt(extAdd(toExt(P), EXT_IDENTITY)).equals(P)).toBe(true);
    expect(extIsIdentity(extSub(toExt(P), toExt(P)))).toBe(true);
    expect(extIsIdentity(toExt(P))).toBe(false);
  });

  it('property: msm equals noble pippenger on random small instances', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: ORDER - 1n }), fc.bigInt({ min: 1n, max: ORDER - 1n })), {
          minLength: 0,
          maxLength: 40,
        }),
        (pairs) => {
          const points = pairs.map(([, k]) => G.multiplyUnsafe(k));
          const scalars = pairs.map(([s]) => s);
          const np = points.map((p) => nobleBackend.fromBytes(p.toBytes()));
          return equalBytes(msm(points, scalars).toBytes(), nobleMsm(np, scalars).toBytes());
        },
      ),
      { numRuns: 25 },
    );
  });
});
