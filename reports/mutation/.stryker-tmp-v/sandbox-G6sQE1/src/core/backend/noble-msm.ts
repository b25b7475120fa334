/**
 * Multi-scalar multiplication (MSM), variable time, for PUBLIC or already-randomised scalars:
 *
 *   msm([P_0, …, P_{n−1}], [s_0, …, s_{n−1}]) = Σ_i s_i·P_i        (P_i ∈ ristretto255, s_i ∈ [0, ℓ))
 *
 * Two algorithms, picked by size (see `msmExt`):
 *  - Straus / interleaved wNAF for a handful of points: one shared doubling chain, one table of odd
 *    multiples per point;
 *  - Pippenger (bucket method) with signed radix-2^c digits for everything larger.
 *
 * Both run on raw extended twisted-Edwards coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z, on
 * ed25519 (a = −1, d = −121665/121666), the representatives noble keeps inside its ristretto255 points.
 * Group operations on representatives are compatible with the ristretto quotient, so a sum of
 * representatives represents the sum. Field elements are plain bigints kept "loosely reduced"
 * (|v| < 2^259, possibly negative; every product stays below 2^520) with a two-fold shift-and-add
 * reduction mod p = 2^255 − 19, measured ≈ 20 % faster than `%`. Repeatedly added points are converted
 * once to affine Niels form (7 field multiplications per addition, noble's generic formula uses 9 plus
 * a wrapper object per operation). The formulas are the
 * complete (unified) ones of Hisil–Wong–Carter–Dawson 2008 ("add-2008-hwcd-3", "dbl-2008-hwcd"), valid
 * for every pair of inputs including the identity and equal points, since d is a non-square.
 *
 * Measured on a 2-core VM with bench/rangeproof.ts (docs/rangeproof.md has the table): ≈ 2–2.5× faster
 * than noble's `pippenger` at every size from 2 to 4096 points, so we keep ours; `nobleMsm` wraps noble's
 * for that comparison and as the reference the tests check against.
 *
 * Nothing here is constant time: timing depends on the scalars. Provers feed it only scalars that are
 * public or that are fresh uniformly random blinders (see docs/rangeproof.md, "Side channels").
 */
// @ts-nocheck

import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';
import { pippenger } from '@noble/curves/abstract/curve.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { EncodingError } from '../errors.js';
import type { Point } from '../point.js';

/** Field prime p = 2^255 − 19. */
const P = (1n << 255n) - 19n;
const MASK255 = (1n << 255n) - 1n;
/** Twisted Edwards d of ed25519, and 2d. */
const D = ed25519.Point.CURVE().d;
const D2 = (2n * D) % P;

/** A point in extended coordinates with loosely reduced bigint coordinates. */
export interface Ext {
  readonly X: bigint;
  readonly Y: bigint;
  readonly Z: bigint;
  readonly T: bigint;
}

/** "Cached" (projective Niels) form of a point for repeated additions: (Y+X, Y−X, 2Z, 2d·T). */
interface Cached {
  readonly YpX: bigint;
  readonly YmX: bigint;
  readonly Z2: bigint;
  readonly T2d: bigint;
}

/** Affine Niels form (Z = 1): (y+x, y−x, 2d·xy). Additions with it cost 7 multiplications. */
interface Affine {
  readonly YpX: bigint;
  readonly YmX: bigint;
  readonly T2d: bigint;
}

export const EXT_IDENTITY: Ext = { X: 0n, Y: 1n, Z: 1n, T: 0n };

// ---------------------------------------------------------------------------------------------------
// Field helpers

/** Reduces |t| < 2^520 to a representative of t mod p with −2^21 < r < 2^255 + 2^21. */
function red(t: bigint): bigint {
  t = (t & MASK255) + 19n * (t >> 255n);
  return (t & MASK255) + 19n * (t >> 255n);
}

/** The canonical representative in [0, p). */
function canon(v: bigint): bigint {
  v %= P;
  return v < 0n ? v + P : v;
}

function powP(b: bigint, e: bigint): bigint {
  let r = 1n;
  b = canon(b);
  while (e > 0n) {
    if (e & 1n) r = (r * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return r;
}

/** Inverse mod p by Fermat (the only caller inverts once per batch). */
function invP(v: bigint): bigint {
  return powP(v, P - 2n);
}

// ---------------------------------------------------------------------------------------------------
// Point formulas

/** p + q (or p − q when `neg`), q in cached form: 8M. */
function addCached(p: Ext, q: Cached, neg: boolean): Ext {
  const A = red((p.Y - p.X) * (neg ? q.YpX : q.YmX));
  const B = red((p.Y + p.X) * (neg ? q.YmX : q.YpX));
  const C = red(p.T * q.T2d);
  const Dd = red(p.Z * q.Z2);
  const E = B - A;
  const H = B + A;
  const F = neg ? Dd + C : Dd - C;
  const G = neg ? Dd - C : Dd + C;
  return { X: red(E * F), Y: red(G * H), Z: red(F * G), T: red(E * H) };
}

/** p + q (or p − q when `neg`), q in affine Niels form: 7M. */
function addAffine(p: Ext, q: Affine, neg: boolean): Ext {
  const A = red((p.Y - p.X) * (neg ? q.YpX : q.YmX));
  const B = red((p.Y + p.X) * (neg ? q.YmX : q.YpX));
  const C = red(p.T * q.T2d);
  const Dd = p.Z + p.Z;
  const E = B - A;
  const H = B + A;
  const F = neg ? Dd + C : Dd - C;
  const G = neg ? Dd - C : Dd + C;
  return { X: red(E * F), Y: red(G * H), Z: red(F * G), T: red(E * H) };
}

/** p + q, both extended: 9M. */
export function extAdd(p: Ext, q: Ext): Ext {
  const A = red((p.Y - p.X) * (q.Y - q.X));
  const B = red((p.Y + p.X) * (q.Y + q.X));
  const C = red(red(p.T * q.T) * D2);
  const Z = red(p.Z * q.Z);
  const Dd = Z + Z;
  const E = B - A;
  const H = B + A;
  const F = Dd - C;
  const G = Dd + C;
  return { X: red(E * F), Y: red(G * H), Z: red(F * G), T: red(E * H) };
}

export function extNeg(p: Ext): Ext {
  return { X: -p.X, Y: p.Y, Z: p.Z, T: -p.T };
}

export function extSub(p: Ext, q: Ext): Ext {
  return extAdd(p, extNeg(q));
}

/** 2^k·p by k ≥ 1 doublings (4S + 3M each, plus 1M for T on the last one). */
export function extDbl(p: Ext, k = 1): Ext {
  let X = p.X;
  let Y = p.Y;
  let Z = p.Z;
  let T = 0n;
  for (let i = 0; i < k; i++) {
    const XX = red(X * X);
    const YY = red(Y * Y);
    const ZZ = red(Z * Z);
    const S = X + Y;
    const XpY2 = red(S * S);
    const YYpXX = YY + XX;
    const YYmXX = YY - XX;
    const cX = XpY2 - YYpXX;
    const cT = ZZ + ZZ - YYmXX;
    X = red(cX * cT);
    Y = red(YYpXX * YYmXX);
    Z = red(YYmXX * cT);
    if (i === k - 1) T = red(cX * YYpXX);
  }
  return { X, Y, Z, T };
}

function toCached(p: Ext): Cached {
  return { YpX: red(p.Y + p.X), YmX: red(p.Y - p.X), Z2: red(p.Z + p.Z), T2d: red(p.T * D2) };
}

/** Converts points to affine Niels form with one shared inversion (Montgomery's trick). */
function toAffineBatch(ps: readonly Ext[]): Affine[] {
  const n = ps.length;
  const prefix: bigint[] = new Array<bigint>(n);
  let acc = 1n;
  for (let i = 0; i < n; i++) {
    prefix[i] = acc;
    acc = red(acc * ps[i]!.Z);
  }
  let inv = invP(acc);
  const out: Affine[] = new Array<Affine>(n);
  for (let i = n - 1; i >= 0; i--) {
    const p = ps[i]!;
    const zi = red(inv * prefix[i]!);
    inv = red(inv * p.Z);
    const x = red(p.X * zi);
    const y = red(p.Y * zi);
    out[i] = { YpX: red(y + x), YmX: red(y - x), T2d: red(red(x * y) * D2) };
  }
  return out;
}

function affineToExt(q: Affine, neg: boolean): Ext {
  // With x2 = YpX − YmX = 2x and y2 = YpX + YmX = 2y, the point is (2·x2 : 2·y2 : 4 : x2·y2),
  // i.e. (4x : 4y : 4 : 4xy), which satisfies X·Y = Z·T without a halving.
  const x2 = q.YpX - q.YmX;
  const y2 = q.YpX + q.YmX;
  const T = red(x2 * y2);
  return neg ? { X: -2n * x2, Y: 2n * y2, Z: 4n, T: -T } : { X: 2n * x2, Y: 2n * y2, Z: 4n, T };
}

// ---------------------------------------------------------------------------------------------------
// Conversions with noble's ristretto255 points

type NobleRistretto = InstanceType<typeof ristretto255.Point>;
const EdPoint = ed25519.Point;

/** The extended coordinates of a point's internal Edwards representative. */
export function toExt(p: Point): Ext {
  const ep = (p as unknown as { ep?: { X: bigint; Y: bigint; Z: bigint; T: bigint } }).ep;
  if (!ep) throw new TypeError('expected a ristretto255 point');
  return { X: ep.X, Y: ep.Y, Z: ep.Z, T: ep.T };
}

/** Wraps extended coordinates back into a ristretto255 `Point`. */
export function fromExt(e: Ext): Point {
  const ep = new EdPoint(canon(e.X), canon(e.Y), canon(e.Z), canon(e.T));
  return new ristretto255.Point(ep) as unknown as Point;
}

/**
 * A compact table of points: the affine Edwards coordinates (x, y) of each point's representative,
 * 32 bytes little-endian each, 64 bytes per point; one shared inversion for the whole table. Reading it
 * back needs no square root (a ristretto255 encoding would need one per point), which is what makes a
 * cached generator table cheap to load.
 */
export function toAffineBytes(ps: readonly Point[]): Uint8Array {
  const exts = ps.map(toExt);
  const n = exts.length;
  const prefix = new Array<bigint>(n);
  let acc = 1n;
  for (let i = 0; i < n; i++) {
    prefix[i] = acc;
    acc = red(acc * exts[i]!.Z);
  }
  let inv = invP(acc);
  const out = new Uint8Array(64 * n);
  for (let i = n - 1; i >= 0; i--) {
    const e = exts[i]!;
    const zi = red(inv * prefix[i]!);
    inv = red(inv * e.Z);
    out.set(numberToBytesLE(canon(e.X * zi), 32), 64 * i);
    out.set(numberToBytesLE(canon(e.Y * zi), 32), 64 * i + 32);
  }
  return out;
}

/**
 * Reads `toAffineBytes` back. Throws EncodingError('encoding.point') for a coordinate ≥ p or a pair
 * that is not on the curve −x² + y² = 1 + d·x²·y². (Being on the curve does not make a point the
 * intended one: the caller must trust where the table came from, as it trusts its own code.)
 */
export function fromAffineBytes(b: Uint8Array): Point[] {
  if (b.length % 64 !== 0) throw new EncodingError('encoding.point', 'a point table is a multiple of 64 bytes');
  const out: Point[] = [];
  for (let o = 0; o < b.length; o += 64) {
    const x = bytesToNumberLE(b.subarray(o, o + 32));
    const y = bytesToNumberLE(b.subarray(o + 32, o + 64));
    if (x >= P || y >= P) throw new EncodingError('encoding.point', `point ${o / 64}: coordinate not below p`);
    const xx = red(x * x);
    const yy = red(y * y);
    if (canon(yy - xx - 1n - red(D * red(xx * yy))) !== 0n) throw new EncodingError('encoding.point', `point ${o / 64} is not on the curve`);
    out.push(fromExt({ X: x, Y: y, Z: 1n, T: red(x * y) }));
  }
  return out;
}

/** Whether an extended point is the identity of ristretto255 (any representative of the 4-torsion coset). */
export function extIsIdentity(e: Ext): boolean {
  // ristretto equality with the identity (0 : 1): X·1 == Y·0 or Y·1 == X·0, i.e. X ≡ 0 or Y ≡ 0.
  return canon(e.X) === 0n || canon(e.Y) === 0n;
}

// ---------------------------------------------------------------------------------------------------
// Scalar recoding

/** 32-bit little-endian words of a scalar < 2^256 (two spare zero words so window reads may overrun). */
function words(s: bigint): Uint32Array {
  const w = new Uint32Array(10);
  for (let k = 0; k < 8; k++) {
    w[k] = Number(s & 0xffffffffn);
    s >>= 32n;
  }
  return w;
}

/** Bits [pos, pos+c) of the word array, c ≤ 24. */
function bitsAt(w: Uint32Array, pos: number, c: number): number {
  const k = pos >>> 5;
  const off = pos & 31;
  let v = w[k]! >>> off;
  if (off + c > 32) v |= w[k + 1]! << (32 - off);
  return v & ((1 << c) - 1);
}

/**
 * Signed radix-2^c digits d_j ∈ [−2^{c−1}, 2^{c−1}] with s = Σ_j d_j·2^{cj}; `windows` digits per
 * scalar, written to out[j·stride + i].
 */
function signedDigits(s: bigint, c: number, windows: number, out: Int32Array, stride: number, i: number): void {
  const w = words(s);
  const half = 1 << (c - 1);
  const full = 1 << c;
  let carry = 0;
  for (let j = 0; j < windows; j++) {
    const pos = j * c;
    let v = (pos < 256 ? bitsAt(w, pos, c) : 0) + carry;
    carry = 0;
    if (v > half) {
      v -= full;
      carry = 1;
    }
    out[j * stride + i] = v;
  }
  if (carry !== 0) throw new RangeError('scalar too large for the MSM window layout');
}

/** Width-w NAF of s < 2^253: digits odd in (−2^{w−1}, 2^{w−1}) or 0, little-endian. */
function wnaf(s: bigint, w: number): Int8Array {
  const out = new Int8Array(264);
  const wd = words(s);
  const full = 1 << w;
  const half = 1 << (w - 1);
  let pos = 0;
  let carry = 0;
  while (pos < 260) {
    const bit = pos < 256 ? (wd[pos >>> 5]! >>> (pos & 31)) & 1 : 0;
    if (bit === carry) {
      // (bit + carry) is even: digit 0 here, the carry (if any) moves up one position.
      pos++;
      continue;
    }
    const v = (pos < 256 ? bitsAt(wd, pos, w) : 0) + carry; // odd
    if (v < half) {
      out[pos] = v;
      carry = 0;
    } else {
      out[pos] = v - full;
      carry = 1;
    }
    pos += w;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Straus (interleaved wNAF)

const STRAUS_W = 5;

function straus(points: readonly Ext[], scalars: readonly bigint[]): Ext {
  const n = points.length;
  const tableSize = 1 << (STRAUS_W - 2); // odd multiples 1P, 3P, …, (2^{w−1}−1)P
  const tables: Cached[][] = [];
  const nafs: Int8Array[] = [];
  let top = -1;
  for (let i = 0; i < n; i++) {
    const s = scalars[i]!;
    if (s === 0n) continue;
    const naf = wnaf(s, STRAUS_W);
    const p = points[i]!;
    const p2 = toCached(extDbl(p));
    const tbl: Cached[] = [toCached(p)];
    let cur = p;
    for (let k = 1; k < tableSize; k++) {
      cur = addCached(cur, p2, false);
      tbl.push(toCached(cur));
    }
    tables.push(tbl);
    nafs.push(naf);
    for (let b = naf.length - 1; b > top; b--) {
      if (naf[b] !== 0) {
        top = b;
        break;
      }
    }
  }
  if (top < 0) return EXT_IDENTITY;
  let acc: Ext | null = null;
  let pendingDbl = 0;
  for (let b = top; b >= 0; b--) {
    if (acc !== null) pendingDbl++;
    for (let i = 0; i < nafs.length; i++) {
      const d = nafs[i]![b]!;
      if (d === 0) continue;
      if (acc !== null && pendingDbl > 0) {
        acc = extDbl(acc, pendingDbl);
        pendingDbl = 0;
      }
      const entry = tables[i]![(Math.abs(d) - 1) >> 1]!;
      acc = acc === null ? cachedToExt(entry, d < 0) : addCached(acc, entry, d < 0);
    }
  }
  if (acc === null) return EXT_IDENTITY;
  return pendingDbl > 0 ? extDbl(acc, pendingDbl) : acc;
}

function cachedToExt(q: Cached, neg: boolean): Ext {
  // From (Y+X, Y−X, 2Z, 2dT): x2 = 2X, y2 = 2Y, z2 = 2Z. Scaling (x2 : y2 : z2 : ·) by z2 gives
  // (x2·z2 : y2·z2 : z2² : x2·y2), which satisfies X·Y = Z·T without an inversion.
  const x2 = q.YpX - q.YmX;
  const y2 = q.YpX + q.YmX;
  const X = red(x2 * q.Z2);
  const Y = red(y2 * q.Z2);
  const Z = red(q.Z2 * q.Z2);
  const T = red(x2 * y2);
  return neg ? { X: -X, Y, Z, T: -T } : { X, Y, Z, T };
}

// ---------------------------------------------------------------------------------------------------
// Pippenger (signed buckets)

/** Window width minimising W(c)·(7n + 18·2^{c−1}) field multiplications. */
export function pippengerWindow(n: number): number {
  let best = 2;
  let bestCost = Infinity;
  for (let c = 2; c <= 18; c++) {
    const windows = Math.ceil(254 / c);
    const buckets = 1 << (c - 1);
    const cost = windows * (7 * n + 18 * buckets + 8 * c);
    if (cost < bestCost) {
      bestCost = cost;
      best = c;
    }
  }
  return best;
}

function pippengerExt(points: readonly Ext[], scalars: readonly bigint[], cOverride?: number): Ext {
  // Drop zero scalars first; they are common (padding, sparse coefficient vectors).
  const pts: Ext[] = [];
  const scs: bigint[] = [];
  for (let i = 0; i < points.length; i++) {
    if (scalars[i] !== 0n) {
      pts.push(points[i]!);
      scs.push(scalars[i]!);
    }
  }
  const n = pts.length;
  if (n === 0) return EXT_IDENTITY;
  const c = cOverride ?? pippengerWindow(n);
  const windows = Math.ceil(254 / c);
  const digits = new Int32Array(windows * n);
  for (let i = 0; i < n; i++) signedDigits(scs[i]!, c, windows, digits, n, i);
  const aff = toAffineBatch(pts);
  const nb = 1 << (c - 1);
  const buckets: (Ext | null)[] = new Array<Ext | null>(nb);
  let acc: Ext | null = null;
  for (let j = windows - 1; j >= 0; j--) {
    if (acc !== null) acc = extDbl(acc, c);
    buckets.fill(null);
    const base = j * n;
    for (let i = 0; i < n; i++) {
      const d = digits[base + i]!;
      if (d === 0) continue;
      const k = (d < 0 ? -d : d) - 1;
      const b = buckets[k];
      buckets[k] = b == null ? affineToExt(aff[i]!, d < 0) : addAffine(b, aff[i]!, d < 0);
    }
    // Σ_k (k+1)·bucket_k by running sums from the top.
    let running: Ext | null = null;
    let sum: Ext | null = null;
    for (let k = nb - 1; k >= 0; k--) {
      const b = buckets[k];
      if (b != null) running = running === null ? b : extAdd(running, b);
      if (running !== null) sum = sum === null ? running : extAdd(sum, running);
    }
    if (sum !== null) acc = acc === null ? sum : extAdd(acc, sum);
  }
  return acc ?? EXT_IDENTITY;
}

// ---------------------------------------------------------------------------------------------------
// Public API

/**
 * Below this many nonzero terms, Straus; from it on, Pippenger. Measured crossover is between 64 and
 * ~150 terms (they are within 15 % of each other there).
 */
export const STRAUS_THRESHOLD = 64;

/**
 * Estimated cost of `msmExt` on k nonzero terms, in field multiplications (one is ≈ 0.25–0.5 µs in
 * Node 20). Used by provers to plan work; measured time per modelled multiplication is within ±15 %
 * across both algorithms and all sizes from 2 to 4096.
 */
export function msmCost(k: number): number {
  if (k <= 0) return 0;
  if (k < STRAUS_THRESHOLD) {
    // 253 doublings (7M) shared; per point: a 7-entry table (8M each) and ~253/6 additions (8M).
    return 1800 + k * (8 * 8 + 43 * 8);
  }
  const c = pippengerWindow(k);
  return Math.ceil(254 / c) * (7 * k + 18 * (1 << (c - 1)) + 8 * c) + 10 * k;
}

/** Σ s_i·P_i on raw extended coordinates. Scalars must be in [0, 2^253). Variable time. */
export function msmExt(points: readonly Ext[], scalars: readonly bigint[]): Ext {
  if (points.length !== scalars.length) throw new RangeError('msm: points and scalars differ in length');
  let nz = 0;
  for (const s of scalars) {
    if (s < 0n || s >= 1n << 253n) throw new RangeError('msm: scalar out of range');
    if (s !== 0n) nz++;
  }
  if (nz === 0) return EXT_IDENTITY;
  return nz < STRAUS_THRESHOLD ? straus(points, scalars) : pippengerExt(points, scalars);
}

/** Σ s_i·P_i for public scalars in [0, ℓ). Variable time. */
export function msm(points: readonly Point[], scalars: readonly bigint[]): Point {
  return fromExt(msmExt(points.map(toExt), scalars));
}

/** Forced algorithm choices, for tests and the benchmark. */
export function msmStraus(points: readonly Point[], scalars: readonly bigint[]): Point {
  return fromExt(straus(points.map(toExt), scalars));
}
export function msmPippenger(points: readonly Point[], scalars: readonly bigint[], c?: number): Point {
  return fromExt(pippengerExt(points.map(toExt), scalars, c));
}

/** noble's own `pippenger`, kept as a reference and for the benchmark comparison. */
export function nobleMsm(points: readonly Point[], scalars: readonly bigint[]): Point {
  const C = ristretto255.Point;
  return pippenger(C, points as unknown as NobleRistretto[], scalars as bigint[]) as unknown as Point;
}

