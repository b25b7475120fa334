/**
 * Adaptive forgeries against the sigma proofs (src/proofs/schnorr.ts, or.ts, product.ts, oneof.ts): a
 * prover that holds a false statement runs the real prover's algebra on a wrong witness, so every
 * challenge is the honest one of a transcript the verifier rebuilds exactly. The verifier can refuse it
 * only by its verification equations; each test says which equation fails and that the others hold
 * (src/proofs/testing.ts evaluates them one by one from the verifier's own transcript replay), and checks
 * the direct verifier and the batched one (src/proofs/batch.ts) alike.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { G, H } from '../../src/core/generators.js';
import { commit } from '../../src/core/pedersen.js';
import type { Point } from '../../src/core/point.js';
import { add, inv, mul, scalar, sub, type Scalar } from '../../src/core/scalar.js';
import { EquationBatch } from '../../src/proofs/batch.js';
import { batchOneOf, proveOneOf, verifyOneOf, type OneOfProof } from '../../src/proofs/oneof.js';
import { batchOr, proveOr, verifyOr, type OrProof } from '../../src/proofs/or.js';
import { batchProduct, proveProduct, verifyProduct, type ProductProof } from '../../src/proofs/product.js';
import { batchSchnorr, proveSchnorr, verifySchnorr, type SchnorrProof } from '../../src/proofs/schnorr.js';
import { forgeOrBothSimulated, oneOfEquations, orEquations, productEquations, schnorrEquations } from '../../src/proofs/testing.js';
import { scalars, transcript } from './helpers.js';

const rs = scalars('forgery/sigma');

function batched(add: (b: EquationBatch) => unknown): boolean {
  const b = new EquationBatch();
  add(b);
  return b.check();
}

describe('Schnorr / linear: a proof of a wrong opening', () => {
  // The linear claims of bills and disclosures: Com(e) − F·G = ρ·H. With F off by d the point is
  // d·G + ρ·H, and a prover who knows only ρ proves "knowledge of ρ" honestly.
  const verdicts = (P: Point, p: SchnorrProof) => ({
    direct: verifySchnorr(transcript(), H, P, p),
    batch: batched((b) => batchSchnorr(b, transcript(), H, P, p)),
    equations: schnorrEquations(transcript(), H, P, p),
  });

  it('control: the honest claim verifies', () => {
    const rho = rs();
    const P = commit(1234n, rho).subtract(G.multiply(scalar(1234n)));
    expect(verdicts(P, proveSchnorr(transcript(), H, P, rho))).toEqual({ direct: true, batch: true, equations: [true] });
  });

  it('a figure off by one (the fee claimed as e + 1), proven with ρ and an honest challenge, is refused by s·H = R + c·P', () => {
    const rho = rs();
    const C = commit(1234n, rho);
    const P = C.subtract(G.multiply(scalar(1235n))); // = −G + ρ·H
    expect(verdicts(P, proveSchnorr(transcript(), H, P, rho))).toEqual({ direct: false, batch: false, equations: [false] });
  });

  it('a proof for the honest point replayed for a wrong one is refused', () => {
    const rho = rs();
    const C = commit(50n, rho);
    const good = C.subtract(G.multiply(scalar(50n)));
    const bad = C.subtract(G.multiply(scalar(49n)));
    const p = proveSchnorr(transcript(), H, good, rho);
    expect(verdicts(bad, p)).toEqual({ direct: false, batch: false, equations: [false] });
  });

  it('property: for any value e, blinding ρ and nonzero error d, the claim e + d is refused', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 1n, max: (1n << 64n) }), fc.boolean(), (e, d0, negative) => {
        const d = negative ? -d0 : d0;
        const rho = rs();
        const P = commit(e, rho).subtract(G.multiply(scalar(e + d)));
        const v = verdicts(P, proveSchnorr(transcript(), H, P, rho));
        return !v.direct && !v.batch && !v.equations[0];
      }),
      { numRuns: 25, seed: 8 },
    );
  });
});

describe('OR: neither branch opens to 0', () => {
  const verdicts = (P1: Point, P2: Point, p: OrProof) => ({
    direct: verifyOr(transcript(), P1, P2, p),
    batch: batched((b) => batchOr(b, transcript(), P1, P2, p)),
    equations: orEquations(transcript(), P1, P2, p),
  });

  it('control: honest proofs for either branch verify', () => {
    const x = rs();
    const P1 = commit(0n, x);
    const P2 = commit(9n, rs());
    expect(verdicts(P1, P2, proveOr(transcript(), P1, P2, 1, x))).toEqual({ direct: true, batch: true, equations: [true, true] });
    expect(verdicts(P2, P1, proveOr(transcript(), P2, P1, 2, x))).toEqual({ direct: true, batch: true, equations: [true, true] });
  });

  it('branch 1 "answered" with the blinding of a commitment to 1: equation 1 fails, the simulated equation 2 holds', () => {
    const x = rs();
    const P1 = commit(1n, x);
    const P2 = commit(5n, rs());
    expect(verdicts(P1, P2, proveOr(transcript(), P1, P2, 1, x))).toEqual({ direct: false, batch: false, equations: [false, true] });
  });

  it('branch 2 answered falsely: equation 2 fails, equation 1 holds', () => {
    const x = rs();
    const P1 = commit(3n, rs());
    const P2 = commit(scalar(-1n), x); // ℓ − 1: "−1 opens to 0" is false too
    expect(verdicts(P1, P2, proveOr(transcript(), P1, P2, 2, x))).toEqual({ direct: false, batch: false, equations: [true, false] });
  });

  it('both branches simulated: c_2 = c − c_1 is not the simulated challenge, so equation 2 fails', () => {
    const P1 = commit(1n, rs());
    const P2 = commit(2n, rs());
    const p = forgeOrBothSimulated(transcript(), P1, P2, rs(), rs(), rs(), rs());
    expect(verdicts(P1, P2, p)).toEqual({ direct: false, batch: false, equations: [true, false] });
  });

  it('property: for nonzero values in both commitments and either branch claimed, the proof is refused', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (1n << 80n) }), fc.bigInt({ min: 1n, max: (1n << 80n) }), fc.constantFrom(1 as const, 2 as const), (v1, v2, which) => {
        const x1 = rs();
        const x2 = rs();
        const P1 = commit(v1, x1);
        const P2 = commit(v2, x2);
        const v = verdicts(P1, P2, proveOr(transcript(), P1, P2, which, which === 1 ? x1 : x2));
        return !v.direct && !v.batch && v.equations[which - 1] === false && v.equations[2 - which] === true;
      }),
      { numRuns: 20, seed: 9 },
    );
  });
});

describe('one-of: the revealed maximum D equals no reading', () => {
  // P_i = D·G − C_i = (D − x_i)·G − r_i·H; the proof says some P_i is a multiple of H.
  const setup = (xs: bigint[], D: bigint) => {
    const rsx = xs.map(() => rs());
    const C = xs.map((x, i) => commit(x, rsx[i]!));
    const DG = G.multiply(scalar(D));
    const P = C.map((c) => DG.subtract(c));
    return { P, witness: (i: number) => sub(0n as Scalar, rsx[i]!) };
  };
  const verdicts = (P: Point[], p: OneOfProof) => ({
    direct: verifyOneOf(transcript(), P, p),
    batch: batched((b) => expect(batchOneOf(b, transcript(), P, p)).toBe(true)),
    equations: oneOfEquations(transcript(), P, p),
  });

  it('control: D = max verifies', () => {
    const xs = [4n, 9n, 7n];
    const { P, witness } = setup(xs, 9n);
    expect(verdicts(P, proveOneOf(transcript(), P, 1, witness(1)))).toEqual({ direct: true, batch: true, equations: [true, true, true] });
  });

  it('D = max + 1 claimed at the maximum\'s branch: that equation fails, the simulated ones hold', () => {
    const xs = [4n, 9n, 7n];
    const { P, witness } = setup(xs, 10n);
    expect(verdicts(P, proveOneOf(transcript(), P, 1, witness(1)))).toEqual({ direct: false, batch: false, equations: [true, false, true] });
  });

  it('D = max − 1 claimed at the last branch (whose challenge the verifier derives): the last equation fails', () => {
    const xs = [4n, 7n, 9n];
    const { P, witness } = setup(xs, 8n);
    expect(verdicts(P, proveOneOf(transcript(), P, 2, witness(2)))).toEqual({ direct: false, batch: false, equations: [true, true, false] });
  });

  it('a one-branch statement (k = 1) with a false witness fails its only equation', () => {
    const { P, witness } = setup([5n], 6n);
    expect(verdicts(P, proveOneOf(transcript(), P, 0, witness(0)))).toEqual({ direct: false, batch: false, equations: [false] });
  });

  it('every branch simulated (challenges c_1..c_k chosen freely): c_k = c − Σ c_i breaks the last equation', () => {
    const { P } = setup([1n, 2n, 3n, 4n], 100n);
    const c = P.map(() => rs());
    const s = P.map(() => rs());
    const R = P.map((Pi, i) => H.multiply(s[i]!).subtract(Pi.multiply(c[i]!)));
    const p: OneOfProof = { R, c: c.slice(0, -1), s };
    expect(verdicts(P, p)).toEqual({ direct: false, batch: false, equations: [true, true, true, false] });
  });

  it('property: for any readings and a D none of them equals, claimed at any branch, the proof is refused', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 1n << 20n }), { minLength: 1, maxLength: 5 }), fc.nat(), fc.bigInt({ min: 1n, max: 1000n }), (xs, w, d) => {
        const D = xs.reduce((a, b) => (a > b ? a : b)) + d;
        const which = w % xs.length;
        const { P, witness } = setup(xs, D);
        const v = verdicts(P, proveOneOf(transcript(), P, which, witness(which)));
        return !v.direct && !v.batch && v.equations.filter((e) => !e).length === 1 && v.equations[which] === false;
      }),
      { numRuns: 20, seed: 10 },
    );
  });
});

describe('product: P does not commit to a·b', () => {
  const setup = (a: bigint, b: bigint, p: bigint) => {
    const ra = rs();
    const rb = rs();
    const rp = rs();
    return { A: commit(a, ra), B: commit(b, rb), P: commit(p, rp), ra, rb, rp };
  };
  const verdicts = (s: { A: Point; B: Point; P: Point }, p: ProductProof) => ({
    direct: verifyProduct(transcript(), s.A, s.B, s.P, p),
    batch: batched((b) => batchProduct(b, transcript(), s.A, s.B, s.P, p)),
    equations: productEquations(transcript(), s.A, s.B, s.P, p),
  });

  it('control: c = a·b verifies', () => {
    const s = setup(6n, 7n, 42n);
    const tau = sub(s.rp, mul(scalar(6n), s.rb));
    expect(verdicts(s, proveProduct(transcript(), s.A, s.B, s.P, scalar(6n), s.ra, tau))).toEqual({ direct: true, batch: true, equations: [true, true] });
  });

  it('c = a·b + 1 with the honest a and τ = r_P − a·r_B: the second equation (P = a·B + τ·H) fails', () => {
    const s = setup(6n, 7n, 43n);
    const tau = sub(s.rp, mul(scalar(6n), s.rb));
    expect(verdicts(s, proveProduct(transcript(), s.A, s.B, s.P, scalar(6n), s.ra, tau))).toEqual({ direct: false, batch: false, equations: [true, false] });
  });

  it('c = a·b + 1 with a\' = c/b, which makes P = a\'·B + τ·H true: the first equation (A opens to a\') fails', () => {
    const s = setup(6n, 7n, 43n);
    const a2 = mul(scalar(43n), inv(scalar(7n)));
    const tau = sub(s.rp, mul(a2, s.rb));
    expect(verdicts(s, proveProduct(transcript(), s.A, s.B, s.P, a2, s.ra, tau))).toEqual({ direct: false, batch: false, equations: [false, true] });
  });

  it('a square forged as a² + 1 (A = B) fails the same way', () => {
    const ra = rs();
    const A = commit(12n, ra);
    const rp = rs();
    const P = commit(145n, rp);
    const tau = sub(rp, mul(scalar(12n), ra));
    expect(verdicts({ A, B: A, P }, proveProduct(transcript(), A, A, P, scalar(12n), ra, tau))).toEqual({ direct: false, batch: false, equations: [true, false] });
  });

  it('property: for any a, b and error d ≠ 0, P = Com(a·b + d) is refused', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 64n }), fc.bigInt({ min: 0n, max: 1n << 64n }), fc.bigInt({ min: 1n, max: 1n << 64n }), (a, b, d) => {
        const s = setup(a, b, a * b + d);
        const tau = sub(s.rp, mul(scalar(a), s.rb));
        const v = verdicts(s, proveProduct(transcript(), s.A, s.B, s.P, scalar(a), s.ra, tau));
        return !v.direct && !v.batch && v.equations[0] === true && v.equations[1] === false;
      }),
      { numRuns: 20, seed: 11 },
    );
  });
});

describe('batches: one forged equation among honest ones sinks the batch', () => {
  it('an honest Schnorr, OR and product proof plus one forged Schnorr proof: the batch is refused', () => {
    const b = new EquationBatch();
    const rho = rs();
    const good = commit(5n, rho).subtract(G.multiply(scalar(5n)));
    batchSchnorr(b, transcript('a'), H, good, proveSchnorr(transcript('a'), H, good, rho));
    const x = rs();
    const P1 = commit(0n, x);
    const P2 = commit(3n, rs());
    batchOr(b, transcript('b'), P1, P2, proveOr(transcript('b'), P1, P2, 1, x));
    expect(b.check()).toBe(true);
    const bad = commit(5n, rho).subtract(G.multiply(scalar(6n)));
    batchSchnorr(b, transcript('c'), H, bad, proveSchnorr(transcript('c'), H, bad, rho));
    expect(b.size).toBe(4);
    expect(b.check()).toBe(false);
  });

  it('an equation whose only failing term is on a point shared with an honest equation still fails', () => {
    // Terms on the same point merge in the batch; a forged equation that differs from an honest one only
    // in its coefficient on G must not cancel against it.
    const b = new EquationBatch();
    b.add([[1n, G], [-1n, G]]);
    expect(b.check()).toBe(true);
    b.add([[add(1n as Scalar, 1n as Scalar), G], [-1n, G]]);
    expect(b.check()).toBe(false);
  });
});
