/**
 * Product proof (src/proofs/product.ts): P commits to the product of the values committed in A and B.
 * With A = commit(a, ra), B = commit(b, rb), P = commit(a·b, rp) the witness is (a, ra, τ = rp − a·rb).
 */
// @ts-nocheck

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { G, H } from '../../src/core/generators.js';
import { commit } from '../../src/core/pedersen.js';
import { IDENTITY, type Point } from '../../src/core/point.js';
import { seededRng } from '../../src/core/rng.js';
import { add, mul, ONE, ORDER, scalar, scalarFromWide, scalarToBytes, sub, type Scalar } from '../../src/core/scalar.js';
import { Transcript } from '../../src/core/transcript.js';
import { EquationBatch } from '../../src/proofs/batch.js';
import {
  batchProduct,
  decodeProduct,
  encodeProduct,
  PRODUCT_PROOF_BYTES,
  proveProduct,
  verifyProduct,
  type ProductProof,
} from '../../src/proofs/product.js';

const PROTOCOL = 'meterproof/v1/test/product';
const wrng = seededRng('product-tests/witnesses');
const rs = (): Scalar => scalarFromWide(wrng(64));

function transcript(statement = 'product-statement', rng?: (n: number) => Uint8Array): Transcript {
  const t = rng ? new Transcript(PROTOCOL, rng) : new Transcript(PROTOCOL);
  t.appendString('test.statement', statement);
  return t;
}

interface Stmt {
  A: Point;
  B: Point;
  P: Point;
}
interface ProductCase extends Stmt {
  a: Scalar;
  ra: Scalar;
  tau: Scalar;
}

/** Honest case; `delta` ≠ 0 makes P commit to a·b + delta while the prover still uses τ = rp − a·rb. */
function makeCase(a: bigint, b: bigint, ra: Scalar = rs(), rb: Scalar = rs(), rp: Scalar = rs(), delta = 0n): ProductCase {
  const as = scalar(a);
  return {
    A: commit(a, ra),
    B: commit(b, rb),
    P: commit(scalar(a * b + delta), rp),
    a: as,
    ra,
    tau: sub(rp, mul(as, rb)),
  };
}

function prove(c: ProductCase, statement?: string): ProductProof {
  return proveProduct(transcript(statement), c.A, c.B, c.P, c.a, c.ra, c.tau);
}

function verify(s: Stmt, p: ProductProof, statement?: string): boolean {
  return verifyProduct(transcript(statement), s.A, s.B, s.P, p);
}

function verifyBatched(s: Stmt, p: ProductProof, statement?: string): boolean {
  const b = new EquationBatch();
  batchProduct(b, transcript(statement), s.A, s.B, s.P, p);
  expect(b.size).toBe(2);
  return b.check();
}

function verdict(s: Stmt, p: ProductProof, statement?: string): boolean {
  const direct = verify(s, p, statement);
  expect(verifyBatched(s, p, statement)).toBe(direct);
  return direct;
}

function leScalarBytes(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** Decode and verify; a decode failure must be an EncodingError. */
function acceptsBytes(s: Stmt, bytes: Uint8Array): boolean {
  let q: ProductProof;
  try {
    q = decodeProduct(bytes);
  } catch (e) {
    if (bytes.length === PRODUCT_PROOF_BYTES) expect((e as { code?: string }).code).toMatch(/^encoding\.(point|scalar)$/);
    return false;
  }
  return verify(s, q);
}

describe('product proof: completeness', () => {
  it('an honest proof verifies, directly and batched', () => {
    const c = makeCase(1234n, 5678n);
    const p = prove(c);
    expect(verify(c, p)).toBe(true);
    expect(verifyBatched(c, p)).toBe(true);
  });

  it('verifies for edge values: zeros, ones, negatives mod ℓ, ℓ − 1, zero blindings', () => {
    const cases: Array<[string, ProductCase]> = [
      ['a = 0', makeCase(0n, 77n)],
      ['b = 0', makeCase(77n, 0n)],
      ['a = b = 0', makeCase(0n, 0n)],
      ['a = 1', makeCase(1n, 99n)],
      ['a = −3, b = 5', makeCase(-3n, 5n)],
      ['a = ℓ − 1, b = ℓ − 1', makeCase(ORDER - 1n, ORDER - 1n)],
      ['a = 2^32, b = 2^32', makeCase(1n << 32n, 1n << 32n)],
      ['ra = 0', makeCase(3n, 4n, 0n as Scalar)],
      ['rp = 0', makeCase(3n, 4n, rs(), rs(), 0n as Scalar)],
    ];
    for (const [name, c] of cases) expect(verdict(c, prove(c)), name).toBe(true);
  });

  it('verifies when B is the identity (b = 0, rb = 0)', () => {
    const c = makeCase(42n, 0n, rs(), 0n as Scalar);
    expect(c.B.equals(IDENTITY)).toBe(true);
    expect(verdict(c, prove(c))).toBe(true);
  });

  it('verifies when A = B (a square)', () => {
    const a = 31337n;
    const r = rs();
    const c = makeCase(a, a, r, r);
    expect(c.A.equals(c.B)).toBe(true);
    expect(verdict(c, prove(c))).toBe(true);
  });

  it('several proofs in one EquationBatch check together', () => {
    const b = new EquationBatch();
    for (let i = 0; i < 4; i++) {
      const c = makeCase(BigInt(i * 1000 + 1), BigInt(i + 7));
      batchProduct(b, transcript(`s${i}`), c.A, c.B, c.P, prove(c, `s${i}`));
    }
    expect(b.size).toBe(8);
    expect(b.check()).toBe(true);
  });

  it('fast-check: random a, b < 2^32 and random blindings verify', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }),
        fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }),
        fc.bigInt({ min: 0n, max: ORDER - 1n }),
        fc.bigInt({ min: 0n, max: ORDER - 1n }),
        fc.bigInt({ min: 0n, max: ORDER - 1n }),
        (a, b, ra, rb, rp) => {
          const c = makeCase(a, b, scalar(ra), scalar(rb), scalar(rp));
          const p = prove(c);
          expect(verify(c, p)).toBe(true);
          expect(verifyBatched(c, p)).toBe(true);
          expect(verify(c, decodeProduct(encodeProduct(p)))).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('product proof: soundness-style negatives', () => {
  it('rejects P committing to a·b + 1 (prover uses τ = rp − a·rb)', () => {
    for (const delta of [1n, -1n, 1n << 32n]) {
      const c = makeCase(1234n, 5678n, rs(), rs(), rs(), delta);
      expect(verdict(c, prove(c)), `delta ${delta}`).toBe(false);
    }
  });

  it('rejects a P that commits to a·b under a blinding the prover gets wrong', () => {
    const c = makeCase(12n, 13n);
    expect(verdict(c, proveProduct(transcript(), c.A, c.B, c.P, c.a, c.ra, add(c.tau, ONE)))).toBe(false);
  });

  it('rejects a wrong opening of A (a or ra)', () => {
    const c = makeCase(12n, 13n);
    expect(verdict(c, proveProduct(transcript(), c.A, c.B, c.P, add(c.a, ONE), c.ra, c.tau))).toBe(false);
    expect(verdict(c, proveProduct(transcript(), c.A, c.B, c.P, c.a, add(c.ra, ONE), c.tau))).toBe(false);
  });

  it('rejects each proof element mutated', () => {
    const c = makeCase(1234n, 5678n);
    const p = prove(c);
    expect(verdict(c, p)).toBe(true);
    const mutants: Array<[string, ProductProof]> = [
      ['T1 + G', { ...p, T1: p.T1.add(G) }],
      ['T1 + H', { ...p, T1: p.T1.add(H) }],
      ['T2 + G', { ...p, T2: p.T2.add(G) }],
      ['T2 + H', { ...p, T2: p.T2.add(H) }],
      ['T2 + B', { ...p, T2: p.T2.add(c.B) }],
      ['T1 ↔ T2', { ...p, T1: p.T2, T2: p.T1 }],
      ['za + 1', { ...p, za: add(p.za, ONE) }],
      ['za = 0', { ...p, za: 0n as Scalar }],
      ['zr + 1', { ...p, zr: add(p.zr, ONE) }],
      ['zr − 1', { ...p, zr: sub(p.zr, ONE) }],
      ['zt + 1', { ...p, zt: add(p.zt, ONE) }],
      ['zr ↔ zt', { ...p, zr: p.zt, zt: p.zr }],
      ['za ↔ zr', { ...p, za: p.zr, zr: p.za }],
    ];
    for (const [name, m] of mutants) {
      expect(verify(c, m), name).toBe(false);
      expect(verifyBatched(c, m), name).toBe(false);
    }
  });

  it('rejects a wrong A, B or P', () => {
    const c = makeCase(1234n, 5678n);
    const p = prove(c);
    const other = makeCase(1234n, 5678n); // same values, fresh blindings
    const wrong: Array<[string, Stmt]> = [
      ['A + G', { ...c, A: c.A.add(G) }],
      ['A + H', { ...c, A: c.A.add(H) }],
      ['A re-blinded', { ...c, A: other.A }],
      ['B + G', { ...c, B: c.B.add(G) }],
      ['B + H', { ...c, B: c.B.add(H) }],
      ['B re-blinded', { ...c, B: other.B }],
      ['P + G', { ...c, P: c.P.add(G) }],
      ['P + H', { ...c, P: c.P.add(H) }],
      ['P re-blinded', { ...c, P: other.P }],
      ['A ↔ B', { A: c.B, B: c.A, P: c.P }],
      ['another statement', other],
    ];
    for (const [name, s] of wrong) expect(verdict(s, p), name).toBe(false);
  });

  it('rejects under another transcript label or protocol', () => {
    const c = makeCase(5n, 6n);
    const p = prove(c, 'label-A');
    expect(verdict(c, p, 'label-A')).toBe(true);
    expect(verdict(c, p, 'label-B')).toBe(false);
    expect(verifyProduct(new Transcript('meterproof/v1/test/other').appendString('test.statement', 'label-A'), c.A, c.B, c.P, p)).toBe(false);
  });
});

describe('product proof: encoding', () => {
  it('round-trips and lays out T1 ‖ T2 ‖ za ‖ zr ‖ zt', () => {
    const c = makeCase(99n, 101n);
    const p = prove(c);
    const b = encodeProduct(p);
    expect(b.length).toBe(PRODUCT_PROOF_BYTES);
    expect(b.subarray(0, 32)).toEqual(p.T1.toBytes());
    expect(b.subarray(32, 64)).toEqual(p.T2.toBytes());
    expect(b.subarray(64, 96)).toEqual(scalarToBytes(p.za));
    expect(b.subarray(96, 128)).toEqual(scalarToBytes(p.zr));
    expect(b.subarray(128, 160)).toEqual(scalarToBytes(p.zt));
    const q = decodeProduct(b);
    expect(q.T1.equals(p.T1)).toBe(true);
    expect(q.T2.equals(p.T2)).toBe(true);
    expect([q.za, q.zr, q.zt]).toEqual([p.za, p.zr, p.zt]);
    expect(encodeProduct(q)).toEqual(b);
    expect(verdict(c, q)).toBe(true);
  });

  it('decode rejects wrong lengths with RangeError', () => {
    const b = encodeProduct(prove(makeCase(2n, 3n)));
    for (const n of [0, 31, 64, 159, 161, 320]) {
      const x = new Uint8Array(n);
      x.set(b.subarray(0, Math.min(n, b.length)));
      expect(() => decodeProduct(x), `length ${n}`).toThrow(RangeError);
    }
  });

  it("decode rejects non-canonical points ('encoding.point') and scalars ≥ ℓ ('encoding.scalar')", () => {
    const b = encodeProduct(prove(makeCase(2n, 3n)));
    const badPoints = [
      new Uint8Array(32).fill(0xff),
      Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : 0)),
      Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 0xec : i === 31 ? 0x7f : 0xff)), // s = −1
    ];
    for (const off of [0, 32]) {
      for (const bad of badPoints) {
        const x = b.slice();
        x.set(bad, off);
        expect(() => decodeProduct(x)).toThrow(expect.objectContaining({ name: 'EncodingError', code: 'encoding.point' }));
      }
    }
    for (const off of [64, 96, 128]) {
      for (const v of [ORDER, ORDER + 1n, (1n << 256n) - 1n]) {
        const x = b.slice();
        x.set(leScalarBytes(v), off);
        expect(() => decodeProduct(x)).toThrow(expect.objectContaining({ name: 'EncodingError', code: 'encoding.scalar' }));
      }
    }
  });

  it('fast-check: a random single-byte change of the encoding makes decode throw or verify fail', () => {
    const c = makeCase(0xdeadbeefn, 0xcafef00dn);
    const bytes = encodeProduct(prove(c));
    expect(acceptsBytes(c, bytes)).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: PRODUCT_PROOF_BYTES - 1 }), fc.integer({ min: 1, max: 255 }), (pos, xor) => {
        const x = bytes.slice();
        x[pos] = x[pos]! ^ xor;
        expect(acceptsBytes(c, x)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});

describe('product proof: nonce derivation', () => {
  it('is deterministic under a seeded transcript rng (needed for the fixed vector)', () => {
    const c = makeCase(6n, 7n, scalar(11n), scalar(12n), scalar(13n));
    const a = encodeProduct(proveProduct(transcript('det', seededRng('product-det')), c.A, c.B, c.P, c.a, c.ra, c.tau));
    const b = encodeProduct(proveProduct(transcript('det', seededRng('product-det')), c.A, c.B, c.P, c.a, c.ra, c.tau));
    expect(a).toEqual(b);
    const d = encodeProduct(proveProduct(transcript('det', seededRng('product-det-2')), c.A, c.B, c.P, c.a, c.ra, c.tau));
    expect(d).not.toEqual(a);
  });

  // Hardening: A, B, P are appended before the nonces are derived, so with a repeated rng output and the
  // same witness but a different B the nonces still differ (else za − za' = (c − c')·a would reveal a).
  it('binds the nonces to the statement', () => {
    const a = scalar(6n);
    const ra = scalar(11n);
    const tau = scalar(99n);
    const A = commit(a, ra);
    const B1 = commit(7n, scalar(12n));
    const B2 = commit(8n, scalar(12n));
    const P1 = B1.multiply(a).add(H.multiply(tau));
    const P2 = B2.multiply(a).add(H.multiply(tau));
    const p1 = proveProduct(transcript('det', seededRng('product-det')), A, B1, P1, a, ra, tau);
    const p2 = proveProduct(transcript('det', seededRng('product-det')), A, B2, P2, a, ra, tau);
    expect(verifyProduct(transcript('det'), A, B1, P1, p1) && verifyProduct(transcript('det'), A, B2, P2, p2)).toBe(true);
    expect(p1.T1.equals(p2.T1)).toBe(false);
  });
});
