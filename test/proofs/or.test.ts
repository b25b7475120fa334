/**
 * CDS OR proof (src/proofs/or.ts): PoK{x : P1 = x·H} ∨ PoK{x : P2 = x·H}, i.e. "one of two Pedersen
 * commitments opens to 0". Completeness for both branches (direct and batched), soundness-style
 * negatives, encoding round trips and canonical-decoding rejections.
 */
import { describe, expect, it } from 'vitest';
import { G, H } from '../../src/core/generators.js';
import { commit } from '../../src/core/pedersen.js';
import { IDENTITY, type Point } from '../../src/core/point.js';
import { seededRng } from '../../src/core/rng.js';
import { add, neg, ONE, ORDER, scalar, scalarFromWide, scalarToBytes, sub, type Scalar } from '../../src/core/scalar.js';
import { Transcript } from '../../src/core/transcript.js';
import { EquationBatch } from '../../src/proofs/batch.js';
import { batchOr, decodeOr, decodeOrMany, encodeOr, OR_PROOF_BYTES, proveOr, verifyOr, type OrProof } from '../../src/proofs/or.js';
import { toHex } from '../../src/core/bytes.js';
import { decodePartsMany } from '../../src/proofs/codec.js';

const PROTOCOL = 'meterproof/v1/test/or';
const wrng = seededRng('or-tests/witnesses');
const rs = (): Scalar => scalarFromWide(wrng(64));

/** A transcript with a caller statement appended first, as real callers do. */
function transcript(statement = 'or-statement', rng?: (n: number) => Uint8Array): Transcript {
  const t = rng ? new Transcript(PROTOCOL, rng) : new Transcript(PROTOCOL);
  t.appendString('test.statement', statement);
  return t;
}

interface OrCase {
  P1: Point;
  P2: Point;
  which: 1 | 2;
  x: Scalar;
}

/** The true branch commits to 0 with blinding x; the other commits to v ≠ 0. */
function honestCase(which: 1 | 2, v: bigint = 7n): OrCase {
  const x = rs();
  const Ptrue = commit(0, x);
  const Pfalse = commit(v, rs());
  return which === 1 ? { P1: Ptrue, P2: Pfalse, which, x } : { P1: Pfalse, P2: Ptrue, which, x };
}

function prove(c: OrCase, statement?: string): OrProof {
  return proveOr(transcript(statement), c.P1, c.P2, c.which, c.x);
}

function verify(c: Pick<OrCase, 'P1' | 'P2'>, p: OrProof, statement?: string): boolean {
  return verifyOr(transcript(statement), c.P1, c.P2, p);
}

function verifyBatched(c: Pick<OrCase, 'P1' | 'P2'>, p: OrProof, statement?: string): boolean {
  const b = new EquationBatch();
  batchOr(b, transcript(statement), c.P1, c.P2, p);
  expect(b.size).toBe(2);
  return b.check();
}

/** Both verifiers must agree; returns their common verdict. */
function verdict(c: Pick<OrCase, 'P1' | 'P2'>, p: OrProof, statement?: string): boolean {
  const direct = verify(c, p, statement);
  const batched = verifyBatched(c, p, statement);
  expect(batched).toBe(direct);
  return direct;
}

/** The Fiat–Shamir challenge c the verifier derives for this proof. */
function challenge(c: Pick<OrCase, 'P1' | 'P2'>, p: OrProof, statement?: string): Scalar {
  const t = transcript(statement);
  t.appendPoint('or.P1', c.P1);
  t.appendPoint('or.P2', c.P2);
  t.appendPoint('or.R1', p.R1);
  t.appendPoint('or.R2', p.R2);
  return t.challengeScalar('or.c');
}

function leScalarBytes(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

describe('OR proof: completeness', () => {
  for (const which of [1, 2] as const) {
    it(`an honest proof for branch ${which} verifies (verifyOr and batchOr)`, () => {
      for (const v of [1n, 7n, ORDER - 1n, 1n << 64n]) {
        const c = honestCase(which, v);
        const p = prove(c);
        expect(verify(c, p)).toBe(true);
        expect(verifyBatched(c, p)).toBe(true);
      }
    });
  }

  it('verifies when both branches are true (either witness works)', () => {
    const x1 = rs();
    const x2 = rs();
    const c = { P1: commit(0, x1), P2: commit(0, x2) };
    expect(verdict(c, proveOr(transcript(), c.P1, c.P2, 1, x1))).toBe(true);
    expect(verdict(c, proveOr(transcript(), c.P1, c.P2, 2, x2))).toBe(true);
  });

  it('handles edge statements: the identity and equal commitments', () => {
    // commit(0, 0) is the identity, a multiple of H with witness 0.
    const zero = { P1: IDENTITY, P2: commit(5, rs()) };
    expect(verdict(zero, proveOr(transcript(), zero.P1, zero.P2, 1, 0n as Scalar))).toBe(true);
    const x = rs();
    const same = { P1: commit(0, x), P2: commit(0, x) };
    expect(verdict(same, proveOr(transcript(), same.P1, same.P2, 2, x))).toBe(true);
  });

  it('two batched proofs in one EquationBatch check together', () => {
    const c1 = honestCase(1);
    const c2 = honestCase(2);
    const b = new EquationBatch();
    batchOr(b, transcript('a'), c1.P1, c1.P2, prove(c1, 'a'));
    batchOr(b, transcript('b'), c2.P1, c2.P2, prove(c2, 'b'));
    expect(b.size).toBe(4);
    expect(b.check()).toBe(true);
  });
});

describe('OR proof: soundness-style negatives', () => {
  it('rejects when neither branch is true and the prover lies about `which`', () => {
    for (const which of [1, 2] as const) {
      const x = rs();
      // Both commitments hide non-zero values; the prover pretends branch `which` holds with witness x,
      // and even with the commitment's own blinding as witness.
      const r1 = rs();
      const r2 = rs();
      const c = { P1: commit(3, r1), P2: commit(4, r2) };
      expect(verdict(c, proveOr(transcript(), c.P1, c.P2, which, x))).toBe(false);
      expect(verdict(c, proveOr(transcript(), c.P1, c.P2, which, which === 1 ? r1 : r2))).toBe(false);
    }
  });

  it('rejects when the prover names the false branch (wrong `which`)', () => {
    for (const which of [1, 2] as const) {
      const c = honestCase(which);
      const other = which === 1 ? 2 : 1;
      expect(verdict(c, proveOr(transcript(), c.P1, c.P2, other, c.x))).toBe(false);
    }
  });

  it('rejects a wrong witness for the true branch', () => {
    const c = honestCase(1);
    expect(verdict(c, proveOr(transcript(), c.P1, c.P2, 1, add(c.x, ONE)))).toBe(false);
  });

  for (const which of [1, 2] as const) {
    it(`rejects each of the five proof elements mutated (branch ${which})`, () => {
      const c = honestCase(which);
      const p = prove(c);
      expect(verdict(c, p)).toBe(true);
      const mutants: Array<[string, OrProof]> = [
        ['R1 + G', { ...p, R1: p.R1.add(G) }],
        ['R1 + H', { ...p, R1: p.R1.add(H) }],
        ['R2 + G', { ...p, R2: p.R2.add(G) }],
        ['R2 + H', { ...p, R2: p.R2.add(H) }],
        ['R1 ↔ R2', { ...p, R1: p.R2, R2: p.R1 }],
        ['c1 + 1', { ...p, c1: add(p.c1, ONE) }],
        ['c1 − 1', { ...p, c1: sub(p.c1, ONE) }],
        ['c1 = c − c1', { ...p, c1: sub(challenge(c, p), p.c1) }],
        ['s1 + 1', { ...p, s1: add(p.s1, ONE) }],
        ['s1 = 0', { ...p, s1: 0n as Scalar }],
        ['s2 + 1', { ...p, s2: add(p.s2, ONE) }],
        ['s2 = −s2', { ...p, s2: neg(p.s2) }],
        ['s1 ↔ s2', { ...p, s1: p.s2, s2: p.s1 }],
      ];
      for (const [name, m] of mutants) {
        expect(verify(c, m), name).toBe(false);
        expect(verifyBatched(c, m), name).toBe(false);
      }
    });
  }

  it('rejects under another transcript label, protocol or an extra append', () => {
    const c = honestCase(2);
    const p = prove(c, 'statement-A');
    expect(verdict(c, p, 'statement-A')).toBe(true);
    expect(verdict(c, p, 'statement-B')).toBe(false);
    expect(verifyOr(new Transcript('meterproof/v1/test/other').appendString('test.statement', 'statement-A'), c.P1, c.P2, p)).toBe(false);
    expect(verifyOr(transcript('statement-A').appendU64('extra', 1), c.P1, c.P2, p)).toBe(false);
  });

  it('rejects a different P1 or P2, even one for which the claim still holds', () => {
    for (const which of [1, 2] as const) {
      const c = honestCase(which);
      const p = prove(c);
      expect(verdict({ P1: c.P1.add(G), P2: c.P2 }, p)).toBe(false);
      expect(verdict({ P1: c.P1, P2: c.P2.add(G) }, p)).toBe(false);
      // Re-randomised true branch (still a commitment to 0): the transcript binds the exact point.
      const fresh = commit(0, rs());
      expect(verdict(which === 1 ? { P1: fresh, P2: c.P2 } : { P1: c.P1, P2: fresh }, p)).toBe(false);
      expect(verdict(which === 1 ? { P1: c.P1, P2: fresh } : { P1: fresh, P2: c.P2 }, p)).toBe(false);
    }
  });

  it('rejects swapped P1/P2 (with the proof as is, and with R and s swapped to match)', () => {
    for (const which of [1, 2] as const) {
      const c = honestCase(which);
      const p = prove(c);
      const swapped = { P1: c.P2, P2: c.P1 };
      expect(verdict(swapped, p)).toBe(false);
      expect(verdict(swapped, { R1: p.R2, R2: p.R1, c1: p.c1, s1: p.s2, s2: p.s1 })).toBe(false);
    }
  });

  it('a proof does not verify against a fresh proof’s challenge split (no mix and match)', () => {
    const c = honestCase(1);
    const p = prove(c);
    const q = prove(c);
    expect(verdict(c, q)).toBe(true);
    expect(verdict(c, { ...p, c1: q.c1 })).toBe(false);
    expect(verdict(c, { ...p, R2: q.R2, s2: q.s2 })).toBe(false);
  });
});

describe('OR proof: encoding', () => {
  it('round-trips through encode/decode, for both branches', () => {
    for (const which of [1, 2] as const) {
      const c = honestCase(which);
      const p = prove(c);
      const bytes = encodeOr(p);
      expect(bytes.length).toBe(OR_PROOF_BYTES);
      const q = decodeOr(bytes);
      expect(q.R1.equals(p.R1)).toBe(true);
      expect(q.R2.equals(p.R2)).toBe(true);
      expect(q.c1).toBe(p.c1);
      expect(q.s1).toBe(p.s1);
      expect(q.s2).toBe(p.s2);
      expect(encodeOr(q)).toEqual(bytes);
      expect(verdict(c, q)).toBe(true);
    }
  });

  it('lays out R1 ‖ R2 ‖ c1 ‖ s1 ‖ s2', () => {
    const c = honestCase(2);
    const p = prove(c);
    const b = encodeOr(p);
    expect(b.subarray(0, 32)).toEqual(p.R1.toBytes());
    expect(b.subarray(32, 64)).toEqual(p.R2.toBytes());
    expect(b.subarray(64, 96)).toEqual(scalarToBytes(p.c1));
    expect(b.subarray(96, 128)).toEqual(scalarToBytes(p.s1));
    expect(b.subarray(128, 160)).toEqual(scalarToBytes(p.s2));
  });

  it('decode rejects wrong lengths with RangeError', () => {
    const b = encodeOr(prove(honestCase(1)));
    for (const n of [0, 1, 32, 159, 161, 192]) {
      const x = new Uint8Array(n);
      x.set(b.subarray(0, Math.min(n, b.length)));
      expect(() => decodeOr(x), `length ${n}`).toThrow(RangeError);
    }
  });

  it("decode rejects non-canonical point bytes with code 'encoding.point'", () => {
    const b = encodeOr(prove(honestCase(1)));
    const badPoints = [
      new Uint8Array(32).fill(0xff), // field element ≥ p
      Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : 0)), // negative field element
      Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 0xed : i === 31 ? 0x7f : 0xff)), // p itself
    ];
    for (const off of [0, 32]) {
      for (const bad of badPoints) {
        const x = b.slice();
        x.set(bad, off);
        expect(() => decodeOr(x)).toThrow(expect.objectContaining({ name: 'EncodingError', code: 'encoding.point' }));
      }
    }
  });

  it("decode rejects scalars ≥ ℓ with code 'encoding.scalar' (and accepts ℓ − 1)", () => {
    const b = encodeOr(prove(honestCase(2)));
    for (const off of [64, 96, 128]) {
      for (const v of [ORDER, ORDER + 1n, (1n << 256n) - 1n]) {
        const x = b.slice();
        x.set(leScalarBytes(v), off);
        expect(() => decodeOr(x)).toThrow(expect.objectContaining({ name: 'EncodingError', code: 'encoding.scalar' }));
      }
      const ok = b.slice();
      ok.set(leScalarBytes(ORDER - 1n), off);
      expect(() => decodeOr(ok)).not.toThrow();
    }
  });

  it('every single-bit flip of an encoded proof is rejected (decode throws or verify fails)', () => {
    const c = honestCase(1);
    const bytes = encodeOr(prove(c));
    // One bit per byte position (the bit varies with the position) keeps this fast.
    for (let i = 0; i < OR_PROOF_BYTES; i++) {
      const x = bytes.slice();
      x[i]! ^= 1 << (i % 8);
      let q: OrProof;
      try {
        q = decodeOr(x);
      } catch (e) {
        expect((e as { code?: string }).code).toMatch(/^encoding\./);
        continue;
      }
      expect(verify(c, q), `byte ${i}`).toBe(false);
    }
  });
});

describe('OR proof: zero-knowledge sanity (shape only)', () => {
  it('proofs for branch 1 and branch 2 have the same shape and c1 + c2 = c', () => {
    const x = rs();
    const P1 = commit(0, x);
    const P2 = commit(9, rs());
    // The same pair of points proven once each way round (swap which one is P1).
    const p1 = proveOr(transcript(), P1, P2, 1, x);
    const p2 = proveOr(transcript(), P2, P1, 2, x);
    for (const [pp, c] of [
      [p1, { P1, P2 }],
      [p2, { P1: P2, P2: P1 }],
    ] as const) {
      const b = encodeOr(pp);
      expect(b.length).toBe(OR_PROOF_BYTES);
      expect(pp.R1.is0()).toBe(false);
      expect(pp.R2.is0()).toBe(false);
      for (const s of [pp.c1, pp.s1, pp.s2]) expect(s > 0n && s < ORDER).toBe(true);
      const ch = challenge(c, pp);
      const c2 = sub(ch, pp.c1);
      expect(pp.c1).not.toBe(ch); // c1 is a proper split, not the whole challenge …
      expect(c2).not.toBe(0n); // … and c2 is not the whole challenge either
      expect(verdict(c, pp)).toBe(true);
    }
  });

  it('c1 varies across proofs of the same statement, for either branch', () => {
    for (const which of [1, 2] as const) {
      const c = honestCase(which);
      const ps = Array.from({ length: 4 }, () => prove(c));
      expect(new Set(ps.map((p) => p.c1)).size).toBe(4);
      expect(new Set(ps.map((p) => p.s1)).size).toBe(4);
      expect(new Set(ps.map((p) => p.s2)).size).toBe(4);
      // c1 is never simply the transcript challenge, nor is c2.
      for (const p of ps) {
        const ch = challenge(c, p);
        expect(p.c1).not.toBe(ch);
        expect(sub(ch, p.c1)).not.toBe(ch);
      }
    }
  });

  it('the simulated branch satisfies its verification equation as well as the real one', () => {
    // Each branch's equation s_i·H = R_i + c_i·P_i holds individually, for the true and simulated side.
    for (const which of [1, 2] as const) {
      const c = honestCase(which);
      const p = prove(c);
      const c2 = sub(challenge(c, p), p.c1);
      expect(H.multiplyUnsafe(p.s1).equals(p.R1.add(c.P1.multiplyUnsafe(p.c1)))).toBe(true);
      expect(H.multiplyUnsafe(p.s2).equals(p.R2.add(c.P2.multiplyUnsafe(c2)))).toBe(true);
    }
  });
});

describe('OR proof: nonce derivation', () => {
  // c_sim, s_sim and k all come from the transcript rng (with the statement and witness), so a seeded
  // rng reproduces a proof exactly.
  it('is deterministic under a seeded transcript rng', () => {
    const x = scalar(12345n);
    const P1 = commit(0, x);
    const P2 = commit(1, scalar(678n));
    const a = encodeOr(proveOr(transcript('det', seededRng('or-det')), P1, P2, 1, x));
    const b = encodeOr(proveOr(transcript('det', seededRng('or-det')), P1, P2, 1, x));
    expect(a).toEqual(b);
  });

  it('the true-branch nonce k is deterministic under a seeded transcript rng', () => {
    const x = scalar(12345n);
    const P1 = commit(0, x);
    const P2 = commit(1, scalar(678n));
    const a = proveOr(transcript('det', seededRng('or-det')), P1, P2, 1, x);
    const b = proveOr(transcript('det', seededRng('or-det')), P1, P2, 1, x);
    expect(a.R1.equals(b.R1)).toBe(true); // R1 = k·H
    expect(a.R2.equals(b.R2)).toBe(true); // the simulated side is derived from the transcript too
  });

  // Hardening: nonces depend on the statement (P1, P2 are appended first), so a repeated or weak rng
  // cannot make two proofs with a different other-branch commitment reuse k under different challenges.
  it('binds the nonce to the statement', () => {
    const x = scalar(12345n);
    const P1 = commit(0, x);
    const a = proveOr(transcript('det', seededRng('or-det')), P1, commit(1, scalar(678n)), 1, x);
    const b = proveOr(transcript('det', seededRng('or-det')), P1, commit(2, scalar(679n)), 1, x);
    expect(a.R1.equals(b.R1)).toBe(false);
  });
});

describe('OR proofs decoded in one batch (decodeOrMany)', () => {
  const x = scalarFromWide(seededRng('or-many')(64));
  const hexes = [1, 2, 3].map((i) => toHex(encodeOr(proveOr(new Transcript('or-many').appendString('i', String(i)), commit(0n, x), commit(BigInt(i), x), 1, x))));
  const parts = (h: string) => {
    const p = decodeOr(Uint8Array.from(Buffer.from(h, 'hex')));
    return [p.R1.toBytes(), p.R2.toBytes(), p.c1, p.s1, p.s2];
  };

  it('gives what decodeOr gives, proof by proof', () => {
    const many = decodeOrMany(hexes)!;
    expect(many).toHaveLength(3);
    many.forEach((p, j) => expect([p.R1.toBytes(), p.R2.toBytes(), p.c1, p.s1, p.s2]).toEqual(parts(hexes[j]!)));
    expect(decodeOrMany([])).toEqual([]);
  });

  it('is null when any proof is malformed, so that the caller decodes one by one and names it', () => {
    const bad = (h: string) => [hexes[0]!, h, hexes[2]!];
    expect(decodeOrMany(bad(hexes[1]!.slice(2)))).toBeNull(); // short
    expect(decodeOrMany(bad(hexes[1]! + '00'))).toBeNull(); // long
    expect(decodeOrMany(bad('zz' + hexes[1]!.slice(2)))).toBeNull(); // not hex
    expect(decodeOrMany(bad('ff'.repeat(32) + hexes[1]!.slice(64)))).toBeNull(); // R1 not a canonical point
    expect(decodeOrMany(bad(hexes[1]!.slice(0, 128) + 'ff'.repeat(32) + hexes[1]!.slice(192)))).toBeNull(); // c1 ≥ ℓ
    expect(decodeOrMany(bad(hexes[1]!.slice(0, 256) + 'ff'.repeat(32)))).toBeNull(); // s2 ≥ ℓ
    expect(decodePartsMany(bad('zz'), 2, 3)).toBeNull();
  });
});
