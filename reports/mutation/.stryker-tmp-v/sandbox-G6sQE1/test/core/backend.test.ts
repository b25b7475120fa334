/**
 * Differential tests: the WebAssembly backend against noble, operation by operation, on random and edge
 * inputs. A wrong answer from a backend is a soundness bug, so every exported operation is compared
 * byte for byte (canonical encodings), whichever backend the rest of the suite runs on.
 */
// @ts-nocheck

import fc from 'fast-check';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { nobleBackend } from '../../src/core/backend/noble.js';
import { toExt } from '../../src/core/backend/noble-msm.js';
import { wasmBackend, wasmInternals, WasmPoint } from '../../src/core/backend/wasm.js';
import type { Point } from '../../src/core/point.js';
import { ORDER } from '../../src/core/scalar.js';
import { seededRng } from '../../src/core/rng.js';

const W = wasmBackend();
const N = nobleBackend;
const rng = seededRng('backend-differential');
const P = (1n << 255n) - 19n;
const bytesLE = (x: bigint, n = 32) => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    b[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return b;
};
const hexOf = (p: Point) => toHex(p.toBytes());
const toW = (p: Point) => W.fromBytes(p.toBytes());
const randScalar = (): bigint => {
  let x = 0n;
  for (const b of rng(64)) x = (x << 8n) | BigInt(b);
  return x % ORDER;
};
const fcScalar = fc.oneof(
  fc.constantFrom(0n, 1n, 2n, ORDER - 1n, ORDER - 2n, 1n << 64n, (1n << 64n) - 1n, 1n << 128n, (1n << 252n) - 1n, 1n << 252n),
  fc.bigInt({ min: 0n, max: ORDER - 1n }),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
);
/** A random noble point: a multiple of the base, or the identity now and then. */
const fcPoint = fc.oneof(
  { weight: 1, arbitrary: fc.constant(N.ZERO) },
  { weight: 8, arbitrary: fc.bigInt({ min: 1n, max: ORDER - 1n }).map((k) => N.BASE.multiply(k)) },
);

// RFC 9496 A.1 and A.2.
const MULTIPLES = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76',
  '6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919',
  '94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259',
  'da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57',
  'e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e',
  'f64746d3c92b13050ed8d80236a7f0007c3b3f962f5ba793d19a601ebb1df403',
  '44f53520926ec81fbd5a387845beb7df85a96a24ece18738bdcfa6a7822a176d',
  '903293d8f2287ebe10e2374dc1a53e0bc887e592699f02d077d5263cdd55601c',
  '02622ace8f7303a31cafc63f8fc48fdc16e1c8c8d234b2f0d6685282a9076031',
  '20706fd788b2720a1ed2a5dad4952b01f413bcf0e7564de8cdc816689e2db95f',
  'bce83f8ba5dd2fa572864c24ba1810f9522bc6004afe95877ac73241cafdab42',
  'e4549ee16b9aa03099ca208c67adafcafa4c3f3e4e5303de6026e3ca8ff84460',
  'aa52e000df2e16f55fb1032fc33bc42742dad6bd5a8fc0be0167436c5948501f',
  '46376b80f409b29dc2b5f6f0c52591990896e5716f41477cd30085ab7f10301e',
  'e0c418f7c8d9c4cdd7395b93ea124f3ad99021bb681dfc3302a9d99a2e53e64e',
];
const BAD = [
  '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20',
  'c34c4e1826e5d403b78e246e88aa051c36ccf0aafebffe137d148a2bf9104562',
  'c940e5a4404157cfb1628b108db051a8d439e1a421394ec4ebccb9ec92a8ac78',
  '47cfc5497c53dc8e61c91d17fd626ffb1c49e2bca94eed052281b510b1117a24',
  'f1c6165d33367351b0da8f6e4511010c68174a03b6581212c71c0e1d026c3c72',
  '87260f7a2f12495118360f02c26a470f450dadf34a413d21042b43b9d93e1309',
  '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371',
  '4eac077a713c57b4f4397629a4145982c661f48044dd3f96427d40b147d9742f',
  'de6a7b00deadc788eb6b6c8d20c0ae96c2f2019078fa604fee5b87d6e989ad7b',
  'bcab477be20861e01e4a0e295284146a510150d9817763caf1a6f4b422d67042',
  '2a292df7e32cababbd9de088d1d1abec9fc0440f637ed2fba145094dc14bea08',
  'f4a9e534fc0d216c44b218fa0c42d99635a0127ee2e53c712f70609649fdff22',
  '8268436f8c4126196cf64b3c7ddbda90746a378625f9813dd9b8457077256731',
  '2810e5cbc2cc4d4eece54f61c6f69758e289aa7ab440b3cbeaa21995c2f4232b',
  '3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e',
  'a45fdc55c76448c049a1ab33f17023edfb2be3581e9c7aade8a6125215e04220',
  'd483fe813c6ba647ebbfd3ec41adca1c6130c2beeee9d9bf065c8d151c5f396e',
  '8a2e1d30050198c65a54483123960ccc38aef6848e1ec8f5f780e8523769ba32',
  '32888462f8b486c68ad7dd9610be5192bbeaf3b443951ac1a8118419d9fa097b',
  '227142501b9d4355ccba290404bde41575b037693cef1f438c47f8fbf35d1165',
  '5c37cc491da847cfeb9281d407efc41e15144c876e0170b499a96a22ed31e01e',
  '445425117cb8c90edcbc7c1cc0e74f747f2c1efa5630a967c64f287792a48a4b',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];

describe('WebAssembly backend against noble', () => {
  it('decodes and re-encodes the RFC 9496 multiples of the generator, and computes them', () => {
    let acc = W.ZERO;
    MULTIPLES.forEach((hex, i) => {
      const p = W.fromBytes(fromHex(hex));
      expect(hexOf(p)).toBe(hex);
      expect(hexOf(acc)).toBe(hex);
      expect(p.equals(acc)).toBe(true);
      if (i > 0) expect(hexOf(W.BASE.multiply(BigInt(i)))).toBe(hex);
      acc = acc.add(W.BASE);
    });
    expect(hexOf(W.BASE)).toBe(MULTIPLES[1]);
    expect(W.ZERO.is0()).toBe(true);
  });

  it('rejects every RFC 9496 bad encoding, wrong lengths, and bit 255 set', () => {
    for (const hex of BAD) {
      expect(() => W.fromBytes(fromHex(hex)), hex).toThrow(expect.objectContaining({ code: 'encoding.point' }));
      expect(W.decodeMany([fromHex(hex)])).toEqual([null]);
    }
    for (const n of [0, 31, 33]) expect(() => W.fromBytes(new Uint8Array(n))).toThrow(expect.objectContaining({ code: 'encoding.point' }));
    const b = W.BASE.toBytes();
    b[31]! |= 0x80;
    expect(() => W.fromBytes(b)).toThrow(expect.objectContaining({ code: 'encoding.point' }));
  });

  it('non-canonical encodings: s + p and negative s are rejected where noble rejects them', () => {
    for (let k = 0n; k < 19n; k++) {
      const b = bytesLE(P + k); // s ≥ p, canonical value k
      expect(W.decodeMany([b])[0]).toBeNull();
    }
    fc.assert(
      fc.property(fcPoint, (p) => {
        const s = BigInt('0x' + toHex(p.toBytes().reverse()));
        const neg = bytesLE((P - s) % P); // −s: negative unless s = 0
        const n = N.decodeMany([neg])[0];
        const w = W.decodeMany([neg])[0];
        return (n === null) === (w === null) && (n === null || hexOf(n!) === hexOf(w!));
      }),
      { numRuns: 50 },
    );
  });

  it('random 32-byte strings: valid for wasm exactly when valid for noble, with the same point', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 20 }), (bs) => {
        // Clear bit 0 and 255 half the time, so that a fair share are valid encodings.
        const list = bs.map((b, i) => {
          const c = b.slice();
          if (i % 2 === 0) {
            c[0]! &= 0xfe;
            c[31]! &= 0x7f;
          }
          return c;
        });
        const ws = W.decodeMany(list);
        const ns = N.decodeMany(list);
        return ws.every((w, i) => (w === null) === (ns[i] === null) && (w === null || hexOf(w) === hexOf(ns[i]!)));
      }),
      { numRuns: 200 },
    );
    // Decoded valid encodings of random points (most random strings are invalid).
    const pts = Array.from({ length: 50 }, () => N.BASE.multiply(randScalar() || 1n));
    const enc = pts.map((p) => p.toBytes());
    expect(W.decodeMany(enc).map((p) => hexOf(p!))).toEqual(enc.map(toHex));
  });

  it('4-torsion representatives: every coset member encodes and compares as the same element', () => {
    // Edwards points of order dividing 4: (0, 1), (0, −1), (±√−1·…): take them from noble's torsion list.
    const E = ed25519.Point;
    const T4 = [E.ZERO, E.fromHex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'), E.fromHex('0000000000000000000000000000000000000000000000000000000000000080'), E.fromHex('0000000000000000000000000000000000000000000000000000000000000000')];
    for (const t of T4) expect(t.multiply(4n).is0() || t.is0()).toBe(true);
    // The stored form: ten centred (carried) limbs, |l_i| ≤ 2^25 or 2^24, as every wasm point keeps them.
    const limbs = (x: bigint) => {
      const w = [26, 25, 26, 25, 26, 25, 26, 25, 26, 25];
      x = ((x % P) + P) % P;
      const out: number[] = [];
      for (let i = 0; i < 10; i++) {
        const m = 1n << BigInt(w[i]!);
        let l = x % m;
        if (l >= m / 2n) l -= m;
        out.push(Number(l));
        x = (x - l) / m;
      }
      out[0]! += 19 * Number(x);
      return out;
    };
    for (let k = 0; k < 20; k++) {
      const np = k === 0 ? N.ZERO : N.BASE.multiply(randScalar() || 1n);
      const ep = (np as unknown as { ep: InstanceType<typeof E> }).ep;
      for (const t of T4) {
        const q = ep.add(t);
        const raw = new Int32Array([...limbs(q.X), ...limbs(q.Y), ...limbs(q.Z), ...limbs(q.T)]);
        const wp = new WasmPoint(raw);
        expect(hexOf(wp)).toBe(hexOf(np));
        expect(wp.equals(toW(np))).toBe(true);
        expect(wp.is0()).toBe(np.is0());
        expect(hexOf(wp.add(W.BASE))).toBe(hexOf(np.add(N.BASE)));
        expect(toHex(wasmInternals.doubleEncodeMany([wp])[0]!)).toBe(hexOf(np.double()));
      }
    }
  });

  it('add, subtract, negate, double, equals, is0 agree with noble', () => {
    fc.assert(
      fc.property(fcPoint, fcPoint, (a, b) => {
        const wa = toW(a);
        const wb = toW(b);
        return (
          hexOf(wa.add(wb)) === hexOf(a.add(b)) &&
          hexOf(wa.subtract(wb)) === hexOf(a.subtract(b)) &&
          hexOf(wa.negate()) === hexOf(a.negate()) &&
          hexOf(wa.double()) === hexOf(a.double()) &&
          wa.equals(wb) === a.equals(b) &&
          wa.equals(wa.add(W.ZERO)) &&
          wa.subtract(wa).is0() &&
          wa.is0() === a.is0()
        );
      }),
      { numRuns: 100 },
    );
  });

  it('multiply (constant time, with and without a fixed-base table) and multiplyUnsafe agree with noble', () => {
    const wG = W.fromBytes(N.BASE.toBytes()).precompute();
    fc.assert(
      fc.property(fcPoint, fcScalar, (p, s) => {
        const wp = toW(p);
        const ref = s === 0n ? N.ZERO : p.multiplyUnsafe(s);
        const okCt = s === 0n || (hexOf(wp.multiply(s)) === hexOf(ref) && hexOf(wG.multiply(s)) === hexOf(N.BASE.multiply(s)));
        return okCt && hexOf(wp.multiplyUnsafe(s)) === hexOf(ref);
      }),
      { numRuns: 100 },
    );
    // noble's contract: multiply refuses 0 and anything outside [1, ℓ); multiplyUnsafe allows 0.
    for (const bad of [0n, ORDER, -1n, 1n << 255n]) expect(() => W.BASE.multiply(bad)).toThrow(RangeError);
    for (const bad of [ORDER, -1n]) expect(() => W.BASE.multiplyUnsafe(bad)).toThrow(RangeError);
    expect(W.BASE.multiplyUnsafe(0n).is0()).toBe(true);
    expect(wG.multiply(ORDER - 1n).equals(W.BASE.negate())).toBe(true);
  });

  it('commitMany agrees with v·G + r·H computed by noble', () => {
    const G = N.BASE;
    const H = N.BASE.multiply(0x1234567n);
    const wG = toW(G).precompute();
    const wH = toW(H).precompute();
    fc.assert(
      fc.property(fc.array(fc.tuple(fcScalar, fcScalar), { minLength: 0, maxLength: 12 }), (pairs) => {
        const vs = pairs.map(([v]) => v);
        const rs = pairs.map(([, r]) => r);
        const got = W.commitMany(wG, wH, vs, rs).map(hexOf);
        const ref = N.commitMany(G, H, vs, rs).map(hexOf);
        return JSON.stringify(got) === JSON.stringify(ref);
      }),
      { numRuns: 60 },
    );
  });

  it('batched commitments (halved tables, one shared inversion) and short values agree with noble', () => {
    const G = N.BASE;
    const H = N.fromUniform(rng(64));
    const wG = toW(G);
    const wH = toW(H);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.constantFrom(0n, 1n, (1n << 48n) - 1n), fc.bigInt({ min: 0n, max: (1n << 48n) - 1n })), fcScalar), { minLength: 2, maxLength: 20 }), (pairs) => {
        const vs = pairs.map(([v]) => v);
        const rs = pairs.map(([, r]) => r);
        const ref = N.commitMany(G, H, vs, rs).map(hexOf);
        const short = W.commitMany(wG, wH, vs, rs, 48);
        const full = W.commitMany(wG, wH, vs, rs);
        // The encodings come from the batch; the points themselves must match them.
        return short.every((p, i) => hexOf(p) === ref[i] && toHex(W.encodeMany([p.add(W.ZERO)])[0]!) === ref[i]) && full.every((p, i) => hexOf(p) === ref[i]);
      }),
      { numRuns: 40 },
    );
    expect(() => W.commitMany(wG, wH, [1n << 48n, 0n], [1n, 1n], 48)).toThrow(RangeError);
    expect(() => W.commitMany(wG, wH, [1n << 48n], [1n], 48)).toThrow(RangeError);
    expect(() => N.commitMany(G, H, [1n << 48n], [1n], 48)).toThrow(RangeError);
    // The identity (v = r = 0) inside a batch encodes as zero and does not spoil the shared inversion.
    const mixed = W.commitMany(wG, wH, [0n, 5n, 0n], [0n, 7n, 0n], 48);
    expect(mixed.map(hexOf)).toEqual(N.commitMany(G, H, [0n, 5n, 0n], [0n, 7n, 0n]).map(hexOf));
  });

  it('double-and-encode with one shared inversion equals encoding 2P, for every coset representative', () => {
    const { doubleEncodeMany } = wasmInternals;
    const pts = [W.ZERO, W.BASE, ...Array.from({ length: 30 }, () => W.BASE.multiply(randScalar() || 1n))];
    expect(doubleEncodeMany(pts).map(toHex)).toEqual(pts.map((p) => hexOf(p.double().add(W.ZERO))));
    expect(doubleEncodeMany([])).toEqual([]);
  });

  it('element derivation (the one-way map) agrees with noble, including edge field elements', () => {
    const edges = [0n, 1n, P - 1n, P, P + 1n, (1n << 255n) - 1n, 1n << 254n].map((x) => bytesLE(x));
    const inputs = [...edges.flatMap((a) => edges.map((b) => Uint8Array.from([...a, ...b]))), ...Array.from({ length: 50 }, () => rng(64))];
    for (const b of inputs) expect(hexOf(W.fromUniform(b))).toBe(hexOf(N.fromUniform(b)));
  });

  it('encodeMany, sum, affine tables and raw export agree with noble', () => {
    fc.assert(
      fc.property(fc.array(fcPoint, { minLength: 0, maxLength: 30 }), (ps) => {
        const ws = ps.map(toW);
        // Fresh points (no cached encoding): sums of two.
        const fresh = ws.map((w, i) => w.add(ws[(i + 1) % ws.length]!));
        const nfresh = ps.map((p, i) => p.add(ps[(i + 1) % ps.length]!));
        const enc = W.encodeMany(fresh).map(toHex);
        if (JSON.stringify(enc) !== JSON.stringify(nfresh.map(hexOf))) return false;
        if (hexOf(W.sum(ws)) !== hexOf(N.sum(ps))) return false;
        // Affine coordinates name a representative: compare with noble's decoding of the same bytes.
        const aff = W.toAffineBytes(ws);
        if (toHex(aff) !== toHex(N.toAffineBytes(ps.map((p) => N.fromBytes(p.toBytes()))))) return false;
        const back = W.fromAffineBytes(aff);
        if (!back.every((b, i) => b.equals(ws[i]!))) return false;
        // Loaded points are full citizens: arithmetic with them on either side matches noble.
        for (let i = 0; i < back.length; i++) {
          const j = (i + 1) % back.length;
          if (hexOf(back[i]!.add(back[j]!)) !== hexOf(ps[i]!.add(ps[j]!))) return false;
          if (hexOf(back[i]!.subtract(back[j]!).double()) !== hexOf(ps[i]!.subtract(ps[j]!).double())) return false;
        }
        const raw = W.importRaw(W.exportRaw(fresh));
        return raw.every((r, i) => hexOf(r) === enc[i]);
      }),
      { numRuns: 40 },
    );
    // Off-curve and non-canonical affine coordinates are refused.
    const aff = W.toAffineBytes([W.BASE]);
    const off = aff.slice();
    off[40]! ^= 1;
    expect(() => W.fromAffineBytes(off)).toThrow(expect.objectContaining({ code: 'encoding.point' }));
    const big = aff.slice();
    big.set(bytesLE(P + 1n), 0);
    expect(() => W.fromAffineBytes(big)).toThrow(expect.objectContaining({ code: 'encoding.point' }));
    expect(() => W.fromAffineBytes(new Uint8Array(63))).toThrow(expect.objectContaining({ code: 'encoding.point' }));
  });

  it('the representative is noble’s: affine coordinates of derived generators match exactly', () => {
    for (let i = 0; i < 10; i++) {
      const b = rng(64);
      const w = W.fromUniform(b);
      const n = N.fromUniform(b);
      const e = toExt(n);
      expect(toHex(W.toAffineBytes([w]))).toBe(toHex(N.toAffineBytes([n])));
      expect(e.Z).not.toBe(0n);
    }
  });
});

describe('WebAssembly MSM against noble', () => {
  const base = Array.from({ length: 64 }, (_, i) => N.BASE.multiply(BigInt(i + 2) * 0x9e3779b97f4a7c15n));
  function instance(n: number) {
    const ps: Point[] = [];
    const ss: bigint[] = [];
    for (let i = 0; i < n; i++) {
      ps.push(i % 17 === 3 ? N.ZERO : i % 11 === 5 ? base[i % 7]!.negate() : base[i % base.length]!.add(N.BASE.multiply(BigInt(i + 1))));
      ss.push(i % 6 === 2 ? 0n : i % 13 === 5 ? ORDER - 1n : i % 19 === 7 ? 1n : i % 23 === 1 ? 1n << 64n : randScalar());
    }
    return { ps, ss };
  }

  it('sizes 0 to 300, and the Straus/Pippenger boundary', () => {
    for (const n of [0, 1, 2, 3, 5, 8, 16, 31, 32, 33, 63, 64, 65, 100, 255, 300]) {
      const { ps, ss } = instance(n);
      const ws = ps.map(toW);
      expect(hexOf(W.msm(ws, ss)), `n=${n}`).toBe(hexOf(N.msm(ps, ss)));
    }
  });

  it('every Pippenger window width 1 to 15', () => {
    const { ps, ss } = instance(90);
    const ref = hexOf(N.msm(ps, ss));
    const ws = ps.map(toW);
    for (let c = 1; c <= 15; c++) expect(hexOf(wasmInternals.msmWindow(ws, ss, c)), `c=${c}`).toBe(ref);
  });

  it('small public weights (bit lengths 1 to 64), pinned and loose points mixed', () => {
    const { ps } = instance(200);
    const ws = ps.map(toW);
    W.pin(ws.filter((_, i) => i % 2 === 0));
    for (const bits of [1, 2, 7, 16, 33, 64]) {
      const ss = ps.map((_, i) => (BigInt(i * 2654435761) * 0x9e3779b97f4a7c15n) % (1n << BigInt(bits)));
      expect(hexOf(W.msm(ws, ss)), `bits=${bits}`).toBe(hexOf(N.msm(ps, ss)));
      for (const c of [1, 4, 9]) expect(hexOf(wasmInternals.msmWindow(ws, ss, c))).toBe(hexOf(N.msm(ps, ss)));
    }
  });

  it('property: random instances up to 80 terms', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fcPoint, fcScalar), { maxLength: 80 }), (pairs) => {
        const ps = pairs.map(([p]) => p);
        const ss = pairs.map(([, s]) => s);
        return hexOf(W.msm(ps.map(toW), ss)) === hexOf(N.msm(ps, ss));
      }),
      { numRuns: 40 },
    );
  });

  it('a 10,000-point MSM', () => {
    const { ps, ss } = instance(10_000);
    expect(hexOf(W.msm(ps.map(toW), ss))).toBe(hexOf(N.msm(ps, ss)));
  });

  it('rejects scalars out of range and mismatched lengths', () => {
    expect(() => W.msm([W.BASE], [-1n])).toThrow(RangeError);
    expect(() => W.msm([W.BASE], [1n << 253n])).toThrow(RangeError);
    expect(() => W.msm([W.BASE, W.BASE], [1n])).toThrow(RangeError);
    expect(W.msm([], []).is0()).toBe(true);
    expect(W.msm([W.BASE, W.BASE], [1n, ORDER - 1n]).is0()).toBe(true);
  });
});

describe('WebAssembly SHA-2 against noble', () => {
  it('matches @noble/hashes on every length around the block boundaries and on random messages', async () => {
    const { sha256, sha512 } = await import('@noble/hashes/sha2.js');
    expect(toHex(W.sha256!(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(W.sha512!(new TextEncoder().encode('abc')))).toBe('ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f');
    for (let len = 0; len <= 300; len++) {
      const m = rng(len);
      expect(toHex(W.sha256!(m)), `sha256 len ${len}`).toBe(toHex(sha256(m)));
      expect(toHex(W.sha512!(m)), `sha512 len ${len}`).toBe(toHex(sha512(m)));
    }
    const big = rng(100_000);
    expect(toHex(W.sha256!(big))).toBe(toHex(sha256(big)));
    expect(toHex(W.sha512!(big))).toBe(toHex(sha512(big)));
  });
});

describe('hash_to_ristretto255 on the active backend', () => {
  it('equals noble’s hashToCurve for random messages and domain tags, short and oversize', async () => {
    const { ristretto255_hasher } = await import('@noble/curves/ed25519.js');
    const { hashToRistretto } = await import('../../src/core/point.js');
    for (let i = 0; i < 40; i++) {
      const msg = rng(i * 7);
      const dst = i % 5 === 4 ? 'x'.repeat(300) : `meterproof/test/${i}`;
      expect(hexOf(hashToRistretto(msg, dst))).toBe(toHex(ristretto255_hasher.hashToCurve(msg, { DST: dst }).toBytes()));
    }
  });
});
