/**
 * k-branch CDS OR (src/proofs/oneof.ts): PoK{x : ∨_i P_i = x·H}, "one of k commitments opens to 0".
 * Completeness for every branch (direct and batched), soundness-style negatives (no true branch, a
 * changed statement or transcript, tampered parts), encoding round trips, canonical decoding, and fixed
 * vectors from seeded randomness (regenerate deliberately with UPDATE_VECTORS=1).
 */
// @ts-nocheck

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { commit } from '../../src/core/pedersen.js';
import { pointFromBytes, type Point } from '../../src/core/point.js';
import { seededRng } from '../../src/core/rng.js';
import { add, neg, ONE, ORDER, scalarFromWide, type Scalar } from '../../src/core/scalar.js';
import { Transcript } from '../../src/core/transcript.js';
import { EquationBatch } from '../../src/proofs/batch.js';
import { batchOneOf, decodeOneOf, encodeOneOf, oneOfProofBytes, proveOneOf, verifyOneOf, type OneOfProof } from '../../src/proofs/oneof.js';

const PROTOCOL = 'meterproof/v1/test/oneof';
const wrng = seededRng('oneof-tests/witnesses');
const rs = (): Scalar => scalarFromWide(wrng(64));

function transcript(statement = 'oneof-statement', rng?: (n: number) => Uint8Array): Transcript {
  const t = rng ? new Transcript(PROTOCOL, rng) : new Transcript(PROTOCOL);
  t.appendString('test.statement', statement);
  return t;
}

/** k commitments, branch `which` to 0 with blinding x, the others to nonzero values. */
function honest(k: number, which: number): { P: Point[]; x: Scalar } {
  const x = rs();
  const P = Array.from({ length: k }, (_, i) => (i === which ? commit(0, x) : commit(BigInt(i + 1) * 7n, rs())));
  return { P, x };
}

function verdict(P: Point[], p: OneOfProof, statement?: string): boolean {
  const direct = verifyOneOf(transcript(statement), P, p);
  const b = new EquationBatch();
  const shaped = batchOneOf(b, transcript(statement), P, p);
  const batched = shaped && b.check();
  expect(batched).toBe(direct);
  return direct;
}

describe('one-of proof: completeness', () => {
  for (const k of [1, 2, 3, 8]) {
    it(`an honest proof verifies for every true branch (k = ${k})`, () => {
      for (let which = 0; which < k; which++) {
        const { P, x } = honest(k, which);
        const p = proveOneOf(transcript(), P, which, x);
        expect(verdict(P, p)).toBe(true);
        expect(encodeOneOf(p)).toHaveLength(oneOfProofBytes(k));
      }
    });
  }

  it('verifies when several branches are true, whichever witness is used', () => {
    const x = rs();
    const y = rs();
    const P = [commit(0, x), commit(5, rs()), commit(0, y)];
    expect(verdict(P, proveOneOf(transcript(), P, 0, x))).toBe(true);
    expect(verdict(P, proveOneOf(transcript(), P, 2, y))).toBe(true);
  });

  it('round-trips through its encoding', () => {
    const { P, x } = honest(5, 3);
    const p = proveOneOf(transcript(), P, 3, x);
    const q = decodeOneOf(encodeOneOf(p), 5);
    expect(toHex(encodeOneOf(q))).toBe(toHex(encodeOneOf(p)));
    expect(verdict(P, q)).toBe(true);
  });
});

describe('one-of proof: soundness-style negatives', () => {
  it('no true branch: a proof made with a false witness fails', () => {
    const P = [commit(3, rs()), commit(4, rs()), commit(5, rs())];
    expect(verdict(P, proveOneOf(transcript(), P, 1, rs()))).toBe(false);
  });

  it('a proof for one statement fails for another, or under another transcript', () => {
    const { P, x } = honest(4, 2);
    const p = proveOneOf(transcript(), P, 2, x);
    expect(verdict(P, p, 'other statement')).toBe(false);
    const swapped = [P[1]!, P[0]!, P[2]!, P[3]!];
    expect(verdict(swapped, p)).toBe(false);
    expect(verdict(P.slice(0, 3), p)).toBe(false); // fewer branches: the shape does not fit
    expect(verdict([...P, commit(1, rs())], p)).toBe(false);
  });

  it('any tampered part fails', () => {
    const { P, x } = honest(3, 1);
    const p = proveOneOf(transcript(), P, 1, x);
    const tweak = (f: (q: { R: Point[]; c: Scalar[]; s: Scalar[] }) => void) => {
      const q = { R: [...p.R], c: [...p.c], s: [...p.s] };
      f(q);
      return verdict(P, q);
    };
    expect(tweak((q) => (q.s[0] = add(q.s[0]!, ONE)))).toBe(false);
    expect(tweak((q) => (q.s[1] = add(q.s[1]!, ONE)))).toBe(false);
    expect(tweak((q) => (q.c[0] = add(q.c[0]!, ONE)))).toBe(false);
    expect(tweak((q) => (q.R[2] = q.R[2]!.add(P[0]!)))).toBe(false);
    // Moving challenge weight between two branches keeps Σc_i = c but breaks both equations.
    expect(tweak((q) => {
      q.c[0] = add(q.c[0]!, ONE);
      q.c[1] = add(q.c[1]!, neg(ONE));
    })).toBe(false);
  });

  it('decoding rejects wrong lengths and non-canonical parts', () => {
    const { P, x } = honest(2, 0);
    const bytes = encodeOneOf(proveOneOf(transcript(), P, 0, x));
    expect(() => decodeOneOf(bytes.subarray(1), 2)).toThrow(RangeError);
    expect(() => decodeOneOf(bytes, 3)).toThrow(RangeError);
    expect(() => decodeOneOf(bytes, 0)).toThrow(RangeError);
    const badPoint = bytes.slice();
    badPoint.fill(0xff, 0, 32);
    expect(() => decodeOneOf(badPoint, 2)).toThrow(expect.objectContaining({ code: 'encoding.point' }));
    const badScalar = bytes.slice();
    let v = ORDER; // ℓ itself: not below the order
    for (let i = 0; i < 32; i++, v >>= 8n) badScalar[2 * 32 + i] = Number(v & 0xffn);
    expect(() => decodeOneOf(badScalar, 2)).toThrow(expect.objectContaining({ code: 'encoding.scalar' }));
  });
});

describe('one-of proof: fixed vectors', () => {
  const FILE = new URL('../vectors/oneof.json', import.meta.url);
  function compute() {
    const rng = seededRng('oneof-vectors');
    const out: Record<string, string> = {};
    for (const [k, which] of [[1, 0], [3, 1], [4, 3]] as const) {
      const x = scalarFromWide(rng(64));
      const P = Array.from({ length: k }, (_, i) => (i === which ? commit(0, x) : commit(BigInt(100 + i), scalarFromWide(rng(64)))));
      const t = new Transcript(PROTOCOL, seededRng(`oneof-vectors/${k}`));
      t.appendString('test.statement', 'vector');
      out[`k${k}_statement`] = P.map((p) => toHex(p.toBytes())).join('');
      out[`k${k}_proof`] = toHex(encodeOneOf(proveOneOf(t, P, which, x)));
    }
    return out;
  }
  it('match test/vectors/oneof.json, and verify', () => {
    const got = compute();
    if (process.env.UPDATE_VECTORS || !existsSync(FILE)) writeFileSync(FILE, JSON.stringify(got, null, 2) + '\n');
    const want = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, string>;
    expect(got).toEqual(want);
    for (const k of [1, 3, 4]) {
      const bytes = fromHex(want[`k${k}_statement`]!);
      const P = Array.from({ length: k }, (_, i) => pointFromBytes(bytes.subarray(32 * i, 32 * i + 32)));
      const t = transcript('vector');
      expect(verifyOneOf(t, P, decodeOneOf(fromHex(want[`k${k}_proof`]!), k))).toBe(true);
    }
  });
});
