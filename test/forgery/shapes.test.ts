/**
 * What the sigma verifiers and decoders accept besides the equations: proof shapes, branch counts and
 * wire lengths. A proof of the wrong shape must be refused (not verified against a shorter statement), and
 * decoders must refuse lengths and counts outside their bounds, naming what was expected.
 */
import { describe, expect, it } from 'vitest';
import { G, H } from '../../src/core/generators.js';
import { commit } from '../../src/core/pedersen.js';
import { sub, type Scalar } from '../../src/core/scalar.js';
import { EquationBatch } from '../../src/proofs/batch.js';
import { batchOneOf, decodeOneOf, encodeOneOf, ONEOF_MAX_BRANCHES, oneOfProofBytes, proveOneOf, verifyOneOf, type OneOfProof } from '../../src/proofs/oneof.js';
import { decodeOr, encodeOr, OR_PROOF_BYTES, proveOr, verifyOr } from '../../src/proofs/or.js';
import { decodeProduct, encodeProduct, PRODUCT_PROOF_BYTES, proveProduct, verifyProduct } from '../../src/proofs/product.js';
import { decodeSchnorr, encodeSchnorr, proveSchnorr, SCHNORR_PROOF_BYTES, verifySchnorr } from '../../src/proofs/schnorr.js';
import { decodeRangeProof } from '../../src/proofs/rangeproof/messages.js';
import { scalars, transcript } from './helpers.js';

const rs = scalars('forgery/shapes');

function oneOfCase(k: number) {
  const r = Array.from({ length: k }, rs);
  const xs = Array.from({ length: k }, (_, i) => BigInt(10 + i));
  const D = xs[k - 1]!;
  const DG = G.multiply(D as Scalar);
  const P = xs.map((x, i) => DG.subtract(commit(x, r[i]!)));
  const proof = proveOneOf(transcript(), P, k - 1, sub(0n as Scalar, r[k - 1]!));
  return { P, proof };
}

const batchVerdict = (P: ReturnType<typeof oneOfCase>['P'], p: OneOfProof) => {
  const b = new EquationBatch();
  const shaped = batchOneOf(b, transcript(), P, p);
  return shaped && b.check();
};

describe('one-of: the proof must have the statement\'s shape', () => {
  const { P, proof } = oneOfCase(3);

  it('control: the honest proof verifies, and survives encoding', () => {
    expect(verifyOneOf(transcript(), P, proof)).toBe(true);
    const back = decodeOneOf(encodeOneOf(proof), 3);
    expect(back.c).toHaveLength(2);
    expect(back.s).toHaveLength(3);
    expect(back.R).toHaveLength(3);
    expect(verifyOneOf(transcript(), P, back)).toBe(true);
    expect(batchVerdict(P, back)).toBe(true);
  });

  it('zero branches, an empty proof: refused (not an empty, vacuously true conjunction)', () => {
    const empty: OneOfProof = { R: [], c: [], s: [] };
    expect(verifyOneOf(transcript(), [], empty)).toBe(false);
    expect(batchOneOf(new EquationBatch(), transcript(), [], empty)).toBe(false);
  });

  it('a proof with one R, s or c too few, or one R or s too many: refused by the direct and the batch verifier', () => {
    const bad: OneOfProof[] = [
      { ...proof, R: proof.R.slice(0, 2) },
      { ...proof, s: proof.s.slice(0, 2) },
      { ...proof, c: proof.c.slice(0, 1) },
      { ...proof, R: [...proof.R, proof.R[0]!] },
      { ...proof, s: [...proof.s, proof.s[0]!] },
    ];
    for (const [i, p] of bad.entries()) {
      expect(verifyOneOf(transcript(), P, p), `case ${i}`).toBe(false);
      expect(batchOneOf(new EquationBatch(), transcript(), P, p), `case ${i}`).toBe(false);
    }
  });

  it('a proof for the first two branches only does not verify against three', () => {
    const two = oneOfCase(2);
    expect(verifyOneOf(transcript(), [...two.P, P[2]!], two.proof)).toBe(false);
  });

  it('more branches than ONEOF_MAX_BRANCHES: refused before any work', () => {
    const k = ONEOF_MAX_BRANCHES + 1;
    const many = new Array(k).fill(H);
    const p: OneOfProof = { R: new Array(k).fill(H), c: new Array(k - 1).fill(1n), s: new Array(k).fill(1n) };
    expect(verifyOneOf(transcript(), many, p)).toBe(false);
    expect(batchOneOf(new EquationBatch(), transcript(), many, p)).toBe(false);
  });
});

describe('one-of: decoding', () => {
  const { proof } = oneOfCase(3);
  const bytes = encodeOneOf(proof);

  it('is 32·(3k − 1) bytes, and refuses any other length naming the expected one', () => {
    expect(bytes.length).toBe(oneOfProofBytes(3));
    expect(() => decodeOneOf(bytes.subarray(0, bytes.length - 32), 3)).toThrow(/a 3-branch one-of proof is 256 bytes/);
    expect(() => decodeOneOf(bytes, 4)).toThrow(/a 4-branch one-of proof is 352 bytes/);
  });

  it('refuses branch counts outside 1 to ONEOF_MAX_BRANCHES, or not integers, before reading', () => {
    for (const k of [0, -1, 1.5, Number.NaN, ONEOF_MAX_BRANCHES + 1]) {
      expect(() => decodeOneOf(bytes, k), String(k)).toThrow(/a one-of proof has 1 to 65536 branches/);
    }
    // At the bound itself the count is fine and only the length is wrong.
    expect(() => decodeOneOf(bytes, ONEOF_MAX_BRANCHES)).toThrow(/a 65536-branch one-of proof is/);
    expect(() => decodeOneOf(bytes, 1)).toThrow(/a 1-branch one-of proof is 64 bytes/);
  });

  it('the prover refuses the same counts', () => {
    expect(() => proveOneOf(transcript(), [], 0, 1n as Scalar)).toThrow(/1 to 65536 branches/);
  });
});

describe('the fixed-size sigma proofs decode exactly their size', () => {
  const x = rs();
  const P = H.multiply(x);
  const schnorr = encodeSchnorr(proveSchnorr(transcript(), H, P, x));
  const P1 = commit(0n, x);
  const P2 = commit(1n, rs());
  const or = encodeOr(proveOr(transcript(), P1, P2, 1, x));
  const ra = rs();
  const A = commit(2n, ra);
  const B = commit(3n, rs());
  const prod = encodeProduct(proveProduct(transcript(), A, B, B.multiply(2n as Scalar), 2n as Scalar, ra, 0n as Scalar));

  it('round trips verify', () => {
    expect(schnorr.length).toBe(SCHNORR_PROOF_BYTES);
    expect(verifySchnorr(transcript(), H, P, decodeSchnorr(schnorr))).toBe(true);
    expect(or.length).toBe(OR_PROOF_BYTES);
    expect(verifyOr(transcript(), P1, P2, decodeOr(or))).toBe(true);
    expect(prod.length).toBe(PRODUCT_PROOF_BYTES);
    expect(verifyProduct(transcript(), A, B, B.multiply(2n as Scalar), decodeProduct(prod))).toBe(true);
  });

  it('a wrong length is refused, naming the proof and its size', () => {
    expect(() => decodeSchnorr(schnorr.subarray(1))).toThrow(/^a Schnorr proof is 64 bytes$/);
    expect(() => decodeOr(or.subarray(1))).toThrow(/^an OR proof is 160 bytes$/);
    expect(() => decodeProduct(new Uint8Array(PRODUCT_PROOF_BYTES + 32))).toThrow(/^a product proof is 160 bytes$/);
  });
});

describe('range proofs: decoding checks the shape it is asked for before the bytes', () => {
  it('a shape no statement has is a programming error (RangeError), not a bad proof', () => {
    for (const shape of [{ n: 7, m: 1 }, { n: 8, m: 0 }, { n: 8, m: 1.5 }, { n: 8, m: Number.NaN }]) {
      const decode = () => decodeRangeProof(new Uint8Array(32), shape as { n: 8; m: number });
      expect(decode, JSON.stringify(shape)).toThrow(RangeError);
      expect(decode, JSON.stringify(shape)).toThrow('decodeRangeProof: shape must have n in {8, 16, 32, 64} and m ≥ 1');
    }
  });

  it('anything but bytes is refused as such', () => {
    expect(() => decodeRangeProof('00'.repeat(672) as never, { n: 64, m: 1 })).toThrow('a range proof is a byte array');
    expect(() => decodeRangeProof(Array(672).fill(0) as never, { n: 64, m: 1 })).toThrow('a range proof is a byte array');
    expect(() => decodeRangeProof(Array(672).fill(0) as never, { n: 64, m: 1 })).toThrow(expect.objectContaining({ code: 'encoding.bytes' }));
  });

  it('at most MAX_ROUNDS = 18 inner-product rounds: 2^18 bits decode (to a length check), 2^19 do not', () => {
    expect(() => decodeRangeProof(new Uint8Array(10), { n: 64, m: 4096 })).toThrow(/^range proof for n=64, m=4096 is \d+ bytes, got 10$/);
    expect(() => decodeRangeProof(new Uint8Array(10), { n: 64, m: 8192 })).toThrow(/^range proof has too many rounds \(19\)$/);
  });
});
