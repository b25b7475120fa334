// @ts-nocheck
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex, fromBase64url, toBase64url } from '../../src/core/bytes.js';
import { G, H } from '../../src/core/generators.js';
import { commit } from '../../src/core/pedersen.js';
import { IDENTITY, pointFromBytes } from '../../src/core/point.js';
import { ORDER, scalar, scalarFromBytes, scalarToBytes, randomScalar, add } from '../../src/core/scalar.js';
import { Transcript } from '../../src/core/transcript.js';
import { seededRng } from '../../src/core/rng.js';
import { decodeSchnorr, encodeSchnorr, proveSchnorr, verifySchnorr } from '../../src/proofs/schnorr.js';
import { canonicalJson } from '../../src/core/jcs.js';

// RFC 9496 Appendix A.1: multiples 0..4 of the generator; A.2: invalid encodings.
const MULTIPLES = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76',
  '6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919',
  '94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259',
  'da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57',
];
const BAD = [
  // non-canonical field encodings
  '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  // negative field elements
  '0100000000000000000000000000000000000000000000000000000000000000',
  '01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  // non-square x^2
  '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371',
  // s = -1, which causes y = 0
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];

describe('ristretto255 points', () => {
  it('encode the RFC 9496 multiples of the generator', () => {
    MULTIPLES.forEach((hex, i) => {
      expect(toHex((i === 0 ? IDENTITY : G.multiply(BigInt(i))).toBytes())).toBe(hex);
      expect(pointFromBytes(fromHex(hex)).equals(i === 0 ? IDENTITY : G.multiply(BigInt(i)))).toBe(true);
    });
  });

  it('reject every RFC 9496 invalid encoding, and wrong lengths', () => {
    for (const hex of BAD) expect(() => pointFromBytes(fromHex(hex))).toThrow(expect.objectContaining({ code: 'encoding.point' }));
    expect(() => pointFromBytes(new Uint8Array(31))).toThrow(expect.objectContaining({ code: 'encoding.point' }));
    expect(() => pointFromBytes(new Uint8Array(33))).toThrow(expect.objectContaining({ code: 'encoding.point' }));
  });

  it('round-trip random points', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: ORDER - 1n }), (k) => {
        const p = G.multiply(k);
        expect(pointFromBytes(p.toBytes()).equals(p)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('Pedersen commitments are additively homomorphic', () => {
    const r1 = randomScalar();
    const r2 = randomScalar();
    expect(commit(5, r1).add(commit(7, r2)).equals(commit(12, add(r1, r2)))).toBe(true);
    expect(commit(5, r1).equals(commit(6, r1))).toBe(false);
    expect(H.equals(G)).toBe(false);
  });
});

describe('scalars', () => {
  it('decode only canonical encodings below ℓ', () => {
    expect(scalarFromBytes(scalarToBytes(scalar(ORDER - 1n)))).toBe(ORDER - 1n);
    const l = new Uint8Array(32);
    let v = ORDER;
    for (let i = 0; i < 32; i++, v >>= 8n) l[i] = Number(v & 0xffn);
    expect(() => scalarFromBytes(l)).toThrow(expect.objectContaining({ code: 'encoding.scalar' }));
    expect(() => scalarFromBytes(new Uint8Array(32).fill(0xff))).toThrow(expect.objectContaining({ code: 'encoding.scalar' }));
    expect(() => scalarFromBytes(new Uint8Array(31))).toThrow(expect.objectContaining({ code: 'encoding.scalar' }));
  });

  it('round-trip and reduce negatives', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }), (x) => {
      const s = scalar(x);
      expect(s >= 0n && s < ORDER).toBe(true);
      expect(scalarFromBytes(scalarToBytes(s))).toBe(s);
      expect((s - x) % ORDER).toBe(0n);
    }));
  });
});

describe('bytes', () => {
  it('hex and base64url are strict and round-trip', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 70 }), (b) => {
      expect(fromHex(toHex(b))).toEqual(b);
      expect(fromBase64url(toBase64url(b))).toEqual(b);
    }));
    expect(() => fromHex('ABCD')).toThrow();
    expect(() => fromHex('abc')).toThrow();
    expect(() => fromBase64url('AB==')).toThrow();
    expect(() => fromBase64url('AF')).toThrow(); // non-zero trailing bits
  });
});

describe('transcript', () => {
  it('challenges depend on every append, its label and its framing', () => {
    const c = (f: (t: Transcript) => void) => {
      const t = new Transcript('p');
      f(t);
      return t.challengeScalar('c');
    };
    const base = c((t) => t.appendString('a', 'bc'));
    expect(c((t) => t.appendString('a', 'bc'))).toBe(base);
    expect(c((t) => t.appendString('ab', 'c'))).not.toBe(base);
    expect(c((t) => t.appendString('a', 'bd'))).not.toBe(base);
    expect(c((t) => t.appendString('a', 'b').appendString('', 'c'))).not.toBe(base);
    expect(new Transcript('q').appendString('a', 'bc').challengeScalar('c')).not.toBe(base);
    const t = new Transcript('p');
    expect(t.challengeScalar('c')).not.toBe(t.challengeScalar('c'));
  });
});

describe('Schnorr', () => {
  const x = randomScalar();
  const P = H.multiply(x);
  const proof = proveSchnorr(new Transcript('s'), H, P, x);

  it('verifies honest proofs and round-trips its encoding', () => {
    expect(verifySchnorr(new Transcript('s'), H, P, proof)).toBe(true);
    expect(verifySchnorr(new Transcript('s'), H, P, decodeSchnorr(encodeSchnorr(proof)))).toBe(true);
  });

  it('rejects another statement, another transcript, or a changed proof', () => {
    expect(verifySchnorr(new Transcript('s'), H, P.add(G), proof)).toBe(false);
    expect(verifySchnorr(new Transcript('other'), H, P, proof)).toBe(false);
    expect(verifySchnorr(new Transcript('s'), G, P, proof)).toBe(false);
    expect(verifySchnorr(new Transcript('s'), H, P, { R: proof.R, s: scalar(proof.s + 1n) })).toBe(false);
    expect(verifySchnorr(new Transcript('s'), H, P, { R: proof.R.add(G), s: proof.s })).toBe(false);
  });

  it('is deterministic for a seeded rng and hedged otherwise', () => {
    const a = proveSchnorr(new Transcript('s', seededRng('x')), H, P, x);
    const b = proveSchnorr(new Transcript('s', seededRng('x')), H, P, x);
    expect(toHex(encodeSchnorr(a))).toBe(toHex(encodeSchnorr(b)));
    expect(toHex(encodeSchnorr(proveSchnorr(new Transcript('s'), H, P, x)))).not.toBe(toHex(encodeSchnorr(a)));
  });
});

describe('RFC 8785 canonical JSON', () => {
  it('sorts keys by UTF-16 code units and prints numbers the ECMAScript way', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], '\u20ac': 1, '\ud83d\ude00': 2, '\r': 3, '1': 4 })).toBe('{"\\r":3,"1":4,"a":[true,null,"x"],"b":1,"€":1,"😀":2}');
    expect(canonicalJson([1e21, 1e-7, -0, 0.1, 333333333.3333333])).toBe('[1e+21,1e-7,0,0.1,333333333.3333333]');
    expect(() => canonicalJson(NaN)).toThrow();
  });
});
