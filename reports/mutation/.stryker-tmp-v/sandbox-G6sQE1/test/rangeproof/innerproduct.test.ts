// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { G, generatorVector } from '../../src/core/generators.js';
import { msm } from '../../src/core/msm.js';
import { seededRng } from '../../src/core/rng.js';
import { add, mul, scalarFromWide, type Scalar } from '../../src/core/scalar.js';
import { Transcript } from '../../src/core/transcript.js';
import { foldPlan, innerProductChallenges, proveInnerProduct } from '../../src/proofs/rangeproof/innerproduct.js';

const rng = seededRng('ipp-tests');
const rs = (): Scalar => scalarFromWide(rng(64));

/** P + Σ(u²L + u⁻²R) == a·⟨s, G⟩ + b·⟨s⁻¹·h, H⟩ + ab·Q, checked naively (MSMs per side). */
function check(N: number, plan?: boolean[], withFactors = true): boolean {
  const Gv = generatorVector('bp/G', N);
  const Hv = generatorVector('bp/H', N);
  const a = Array.from({ length: N }, rs);
  const b = Array.from({ length: N }, rs);
  const h = withFactors ? Array.from({ length: N }, rs) : null;
  const Q = G.multiply(rs());
  let ip = 0n as Scalar;
  for (let i = 0; i < N; i++) ip = add(ip, mul(a[i]!, b[i]!));
  const P = msm(
    [...Gv, ...Hv, Q],
    [...a, ...b.map((bi, i) => (h ? mul(bi, h[i]!) : bi)), ip],
  );
  const proof = proveInnerProduct(new Transcript('ipp-test'), Q, Gv, Hv, h, a.slice(), b.slice(), plan);
  const ch = innerProductChallenges(new Transcript('ipp-test'), N, proof);
  if (ch === null) return false;
  const lhs = msm([P, ...proof.L, ...proof.R], [1n, ...ch.u2, ...ch.uInv2]);
  // i = q·c + j: G_i carries a_j·s_q, H_i carries b_j·s_q⁻¹·h_i.
  const c = proof.a.length;
  const last = ch.s.length - 1;
  let ab = 0n as Scalar;
  for (let j = 0; j < c; j++) ab = add(ab, mul(proof.a[j]!, proof.b[j]!));
  const idx = Array.from({ length: N }, (_, i) => ({ q: Math.floor(i / c), j: i % c }));
  const rhs = msm(
    [...Gv, ...Hv, Q],
    [
      ...idx.map(({ q, j }) => mul(proof.a[j]!, ch.s[q]!)),
      ...idx.map(({ q, j }, i) => mul(mul(proof.b[j]!, ch.s[last - q]!), h ? h[i]! : (1n as Scalar))),
      ab,
    ],
  );
  return lhs.equals(rhs);
}

describe('inner-product argument', () => {
  it('s⁻¹ is s reversed', () => {
    const N = 16;
    const a = Array.from({ length: N }, rs);
    const b = Array.from({ length: N }, rs);
    const proof = proveInnerProduct(
      new Transcript('x'),
      G,
      generatorVector('bp/G', N),
      generatorVector('bp/H', N),
      null,
      a,
      b,
    );
    const ch = innerProductChallenges(new Transcript('x'), N, proof)!;
    for (let i = 0; i < N; i++) expect(mul(ch.s[i]!, ch.s[N - 1 - i]!)).toBe(1n);
  });

  it('verifies for N = 1 … 64 with the default folding plan', () => {
    for (const N of [1, 2, 4, 8, 32, 64]) expect(check(N)).toBe(true);
  });

  it('verifies for N = 3·2^k: final vectors of length 3', () => {
    for (const N of [3, 6, 12, 48, 96]) expect(check(N)).toBe(true);
    expect(check(24, [true, false, false])).toBe(true);
    expect(check(24, [false, true, false], false)).toBe(true);
  });

  it('rejects other lengths', () => {
    for (const N of [5, 9, 10, 0]) {
      expect(() => proveInnerProduct(new Transcript('x'), G, [], [], null, new Array<Scalar>(N).fill(1n as Scalar), new Array<Scalar>(N).fill(1n as Scalar))).toThrow(RangeError);
    }
    expect(check(16, undefined, false)).toBe(true);
  });

  it('every folding schedule gives a valid proof', () => {
    const N = 32;
    const k = 5;
    const plans: boolean[][] = [
      new Array<boolean>(k).fill(false),
      new Array<boolean>(k).fill(true),
      [true, false, true, false, false],
      [false, false, true, false, false],
      [false, true, false, false, true],
    ];
    for (const plan of plans) expect(check(N, plan)).toBe(true);
  });

  it('all schedules give byte-identical proofs', () => {
    const N = 16;
    const a = Array.from({ length: N }, rs);
    const b = Array.from({ length: N }, rs);
    const h = Array.from({ length: N }, rs);
    const prove = (plan: boolean[]) =>
      proveInnerProduct(new Transcript('same'), G, generatorVector('bp/G', N), generatorVector('bp/H', N), h, a.slice(), b.slice(), plan);
    const p1 = prove([false, false, false, false]);
    const p2 = prove([true, true, true, true]);
    const p3 = prove([false, true, false, false]);
    for (const p of [p2, p3]) {
      expect(p.a).toEqual(p1.a);
      expect(p.b).toEqual(p1.b);
      p.L.forEach((L, i) => expect(L.equals(p1.L[i]!)).toBe(true));
      p.R.forEach((R, i) => expect(R.equals(p1.R[i]!)).toBe(true));
    }
  });

  it('the planner materialises sensibly', () => {
    expect(foldPlan(8).length).toBe(3);
    expect(foldPlan(2048).length).toBe(11);
    // the last round never needs materialised generators
    expect(foldPlan(2048)[10]).toBe(false);
  });

  it('challenges: wrong round count is rejected', () => {
    const N = 8;
    const proof = proveInnerProduct(
      new Transcript('x'),
      G,
      generatorVector('bp/G', N),
      generatorVector('bp/H', N),
      null,
      Array.from({ length: N }, rs),
      Array.from({ length: N }, rs),
    );
    expect(innerProductChallenges(new Transcript('x'), 16, proof)).toBeNull();
    expect(innerProductChallenges(new Transcript('x'), 6, proof)).toBeNull();
    // same round count, but N = 24 needs final vectors of length 3
    expect(innerProductChallenges(new Transcript('x'), 24, proof)).toBeNull();
  });
});
