/**
 * The WebAssembly backend: ristretto255 compiled from wasm/src/ristretto255.c (the module is embedded in
 * wasm-module.ts, so nothing is fetched). JavaScript owns the module's linear memory and passes offsets.
 *
 * A `WasmPoint` holds its extended coordinates as 40 radix-2^25.5 limbs (160 bytes) in a JavaScript
 * Int32Array and, once known, its canonical encoding (decoded points keep the bytes they came from, so
 * re-encoding them for a transcript is free). A single operation copies its operands into fixed slots,
 * calls the module and copies the result out; batch operations (`decodeMany`, `encodeMany`, `msm`,
 * `commitMany`, ...) do the same for whole arrays in one call. Points passed to `pin` (the range-proof
 * generator tables) also get a permanent affine Niels copy in the module's memory, which multi-scalar
 * multiplications use in place; `precompute` gives a point a fixed-base table (G and H), which
 * `multiply` and `commitMany` use.
 */
import { EncodingError } from '../errors.js';
import type { Point } from '../point.js';
import type { GroupBackend, RangeCoefficientInput, RangeScalarOps } from './types.js';
import { WASM_BASE64 } from './wasm-module.js';

interface Exports {
  memory: WebAssembly.Memory;
  __heap_base: WebAssembly.Global;
  rp_init(): void;
  rp_add(r: number, a: number, b: number): void;
  rp_sub(r: number, a: number, b: number): void;
  rp_dbl(r: number, a: number): void;
  rp_neg(r: number, a: number): void;
  rp_eq(a: number, b: number): number;
  rp_is_identity(a: number): number;
  rp_decode_many(out: number, inp: number, n: number, ok: number): number;
  rp_encode_many(out: number, inp: number, n: number): void;
  rp_from_uniform_many(out: number, inp: number, n: number): void;
  rp_to_affine_many(out: number, inp: number, n: number, scratch: number): void;
  rp_from_affine_many(out: number, inp: number, n: number, ok: number): number;
  rp_to_niels_many(out: number, inp: number, n: number, scratch: number): void;
  rp_mul_ct(r: number, p: number, s: number): void;
  rp_table_size(): number;
  rp_table_build(table: number, base: number, scratchPts: number, scratchFe: number): void;
  rp_mul_table_ct(r: number, table: number, s: number): void;
  rp_commit_many(out: number, tg: number, th: number, v: number, r: number, n: number, vdig: number): void;
  rp_commit_encode_many(outPts: number, outEnc: number, tg: number, th: number, v: number, r: number, n: number, vdig: number, half: number, scratch: number): void;
  rp_double_encode_many(out: number, inp: number, n: number, scratch: number): void;
  rp_msm_scratch(n: number, bits: number, c: number): number;
  rp_msm(out: number, n: number, ptrs: number, scalars: number, bits: number, c: number, scratch: number): void;
  rp_sum(out: number, inp: number, n: number): void;
  rp_bench_fe(f: number, n: number, square: number): void;
  rp_sha256(out: number, inp: number, len: number): void;
  rp_sha512(out: number, inp: number, len: number): void;
  rp_sha256_many(out: number, inp: number, n: number, len: number): void;
  rp_hash_to_group_many(out: number, msgs: number, n: number, len: number, dstp: number, dstpLen: number, scratch: number): void;
  rp_sha512_many(out: number, inp: number, n: number, len: number): void;
  rp_sha256_chain(out: number, inp: number, n: number, len: number, prevAt: number, same: number): void;
  rp_sc_many(out: number, a: number, b: number, n: number, op: number): void;
  rp_scalar_bits(s: number, n: number): number;
  rp_range_coeffs_scratch(c: number, k: number): number;
  rp_sc_sum_powers(out: number, x: number, n: number): void;
  rp_range_coeffs(g: number, h: number, inp: number, n: number, mpad: number, c: number, k: number, scratch: number): void;
}

const P3 = 160;
const NIELS = 120;
const FE = 40;
const ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(s: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.floor((s.replace(/=+$/, '').length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const v = B64.indexOf(s[i]!);
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

let ex: Exports;
let u8: Uint8Array;
let i32: Int32Array;
let u32: Uint32Array;
let u64: BigUint64Array;
// Fixed slots for single operations, then permanent allocations (tables, pinned points) growing upwards;
// batch calls use the space above `permTop` as scratch, valid until the next call.
let SLOT_A = 0;
let SLOT_B = 0;
let SLOT_R = 0;
let SLOT_S = 0;
let SLOT_E = 0;
let SLOT_OK = 0;
let permTop = 0;

function views(): void {
  u8 = new Uint8Array(ex.memory.buffer);
  i32 = new Int32Array(ex.memory.buffer);
  u32 = new Uint32Array(ex.memory.buffer);
  u64 = new BigUint64Array(ex.memory.buffer);
}
function ensure(end: number): void {
  const have = ex.memory.buffer.byteLength;
  if (end > have) {
    ex.memory.grow(Math.ceil((end - have) / 65536));
    views();
  }
}
const align = (o: number): number => (o + 15) & ~15;
function perm(size: number): number {
  const o = align(permTop);
  permTop = o + size;
  ensure(permTop);
  return o;
}
/** A scratch layout above the permanent area: returns the offsets of consecutive blocks of the given sizes. */
function scratch(...sizes: number[]): number[] {
  let o = align(permTop);
  const out: number[] = [];
  for (const s of sizes) {
    out.push(o);
    o = align(o + s);
  }
  ensure(o);
  return out;
}

/**
 * Writes a scalar in [0, 2^256) as 32 bytes little-endian at `off` (8-aligned: every caller's slot is);
 * returns its bit length. A BigUint64Array store takes its value mod 2^64 (ToBigUint64), so four stores of
 * s, s >> 64, … write the words without string conversions (an order of magnitude faster than hex).
 */
function writeScalar(off: number, s: bigint): number {
  const o = off >> 3;
  u64[o] = s;
  u64[o + 1] = s >> 64n;
  u64[o + 2] = s >> 128n;
  u64[o + 3] = s >> 192n;
  const w = off >> 2;
  for (let k = 7; k >= 0; k--) {
    const x = u32[w + k]!;
    if (x !== 0) return 32 * k + 32 - Math.clz32(x);
  }
  return 0;
}

/** Reads 32 bytes little-endian at `off` (8-aligned) as a scalar. */
function readScalar(off: number): bigint {
  const o = off >> 3;
  return u64[o]! | (u64[o + 1]! << 64n) | (u64[o + 2]! << 128n) | (u64[o + 3]! << 192n);
}

export class WasmPoint implements Point {
  /** Offset of a fixed-base table in module memory (0: none). */
  table = 0;
  /** Offset of a pinned affine Niels copy in module memory (0: none). */
  niels = 0;
  /** The fixed-base table of this point halved, (ℓ + 1)/2 · P, for batched commitments (0: none). */
  halfTable = 0;
  constructor(
    readonly limbs: Int32Array,
    private enc?: Uint8Array,
  ) {}

  add(other: Point): Point {
    return binop(ex.rp_add, this, adopt(other));
  }
  subtract(other: Point): Point {
    return binop(ex.rp_sub, this, adopt(other));
  }
  negate(): Point {
    i32.set(this.limbs, SLOT_A >> 2);
    ex.rp_neg(SLOT_R, SLOT_A);
    return take(SLOT_R);
  }
  double(): Point {
    i32.set(this.limbs, SLOT_A >> 2);
    ex.rp_dbl(SLOT_R, SLOT_A);
    return take(SLOT_R);
  }
  /** s·P in constant time (in s), for secret scalars in [1, ℓ); noble's contract, so 0 is refused. */
  multiply(s: bigint): Point {
    if (typeof s !== 'bigint' || s < 1n || s >= ORDER) throw new RangeError('invalid scalar: expected 1 <= sc < curve.n');
    return this.mulCt(s);
  }
  /** s·P for public s in [0, ℓ). (It is the constant-time code as well: as fast as a variable-time one here.) */
  multiplyUnsafe(s: bigint): Point {
    if (typeof s !== 'bigint' || s < 0n || s >= ORDER) throw new RangeError('invalid scalar: expected 0 <= sc < curve.n');
    return s === 0n ? ZERO : this.mulCt(s);
  }
  private mulCt(s: bigint): Point {
    writeScalar(SLOT_S, s);
    if (this.table !== 0) ex.rp_mul_table_ct(SLOT_R, this.table, SLOT_S);
    else {
      i32.set(this.limbs, SLOT_A >> 2);
      ex.rp_mul_ct(SLOT_R, SLOT_A, SLOT_S);
    }
    return take(SLOT_R);
  }
  equals(other: Point): boolean {
    const o = adopt(other);
    if (this.enc && o.enc) return equalBytes(this.enc, o.enc);
    i32.set(this.limbs, SLOT_A >> 2);
    i32.set(o.limbs, SLOT_B >> 2);
    return ex.rp_eq(SLOT_A, SLOT_B) === 1;
  }
  is0(): boolean {
    i32.set(this.limbs, SLOT_A >> 2);
    return ex.rp_is_identity(SLOT_A) === 1;
  }
  toBytes(): Uint8Array {
    if (!this.enc) {
      i32.set(this.limbs, SLOT_A >> 2);
      ex.rp_encode_many(SLOT_E, SLOT_A, 1);
      this.enc = u8.slice(SLOT_E, SLOT_E + 32);
    }
    return this.enc.slice();
  }
  /** The cached encoding, without a copy (internal: never handed to callers). */
  encoding(): Uint8Array | undefined {
    return this.enc;
  }
  setEncoding(e: Uint8Array): void {
    this.enc = e;
  }
  /** Gives this point a fixed-base table (32 × 8 affine Niels multiples) for `multiply` and commitments. */
  precompute(): Point {
    if (this.table === 0) {
      const size = ex.rp_table_size();
      const t = perm(size);
      const [pts, fes, base] = scratch(256 * P3, 512 * FE, P3);
      i32.set(this.limbs, base! >> 2);
      ex.rp_table_build(t, base!, pts!, fes!);
      this.table = t;
    }
    return this;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  let d = 0;
  for (let i = 0; i < 32; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

function take(off: number, enc?: Uint8Array): WasmPoint {
  return new WasmPoint(i32.slice(off >> 2, (off >> 2) + 40), enc);
}

function binop(f: (r: number, a: number, b: number) => void, a: WasmPoint, b: WasmPoint): WasmPoint {
  i32.set(a.limbs, SLOT_A >> 2);
  i32.set(b.limbs, SLOT_B >> 2);
  f(SLOT_R, SLOT_A, SLOT_B);
  return take(SLOT_R);
}

/** A point of this backend: itself, or one from another backend (made before a switch) by its encoding. */
function adopt(p: Point): WasmPoint {
  if (p instanceof WasmPoint) return p;
  return fromBytes(p.toBytes());
}

function fromBytes(b: Uint8Array): WasmPoint {
  if (!(b instanceof Uint8Array) || b.length !== 32) throw new EncodingError('encoding.point', 'a point is exactly 32 bytes');
  u8.set(b, SLOT_E);
  if (ex.rp_decode_many(SLOT_R, SLOT_E, 1, SLOT_OK) !== 1) throw new EncodingError('encoding.point', 'not a canonical ristretto255 encoding');
  return take(SLOT_R, b.slice());
}

function decodeMany(bs: readonly Uint8Array[]): (WasmPoint | null)[] {
  const n = bs.length;
  const [inp, out, ok] = scratch(32 * n, P3 * n, n);
  for (let i = 0; i < n; i++) {
    const b = bs[i]!;
    if (b instanceof Uint8Array && b.length === 32) u8.set(b, inp! + 32 * i);
    else u8.fill(0xff, inp! + 32 * i, inp! + 32 * i + 32); // invalid (not canonical)
  }
  ex.rp_decode_many(out!, inp!, n, ok!);
  const res: (WasmPoint | null)[] = new Array(n);
  for (let i = 0; i < n; i++) res[i] = u8[ok! + i] === 1 ? take(out! + P3 * i, u8.slice(inp! + 32 * i, inp! + 32 * i + 32)) : null;
  return res;
}

function encodeMany(ps: readonly Point[]): Uint8Array[] {
  const wp = ps.map(adopt);
  const todo: number[] = [];
  for (let i = 0; i < wp.length; i++) if (!wp[i]!.encoding()) todo.push(i);
  if (todo.length > 0) {
    const [inp, out] = scratch(P3 * todo.length, 32 * todo.length);
    todo.forEach((i, k) => i32.set(wp[i]!.limbs, (inp! + P3 * k) >> 2));
    ex.rp_encode_many(out!, inp!, todo.length);
    todo.forEach((i, k) => wp[i]!.setEncoding(u8.slice(out! + 32 * k, out! + 32 * k + 32)));
  }
  return wp.map((p) => p.encoding()!.slice());
}

function sum(ps: readonly Point[]): WasmPoint {
  const n = ps.length;
  const [inp] = scratch(P3 * n);
  for (let i = 0; i < n; i++) i32.set(adopt(ps[i]!).limbs, (inp! + P3 * i) >> 2);
  ex.rp_sum(SLOT_R, inp!, n);
  return take(SLOT_R);
}

const MSM_BOUND = 1n << 253n;

/** The nonzero terms of an MSM and how many of their points have no pinned Niels copy; refuses scalars outside [0, 2^253). */
function countTerms(ps: readonly Point[], scalars: readonly bigint[]): { n: number; loose: number } {
  if (ps.length !== scalars.length) throw new RangeError('msm: points and scalars differ in length');
  let n = 0;
  let loose = 0;
  for (let i = 0; i < scalars.length; i++) {
    const s = scalars[i]!;
    if (typeof s !== 'bigint' || s < 0n || s >= MSM_BOUND) throw new RangeError('msm: scalar out of range');
    if (s !== 0n) {
      n++;
      const p = ps[i]!;
      if (!(p instanceof WasmPoint) || p.niels === 0) loose++;
    }
  }
  return { n, loose };
}

/**
 * Writes the nonzero terms as rp_msm reads them, from term `k` on: each scalar at scs + 32·k and its
 * point's pointer at ptrs + 4·k, the pinned Niels copy or, for a loose point, a slot at ln (its p3 form at
 * lp, converted by the caller with rp_to_niels_many). Returns the largest scalar's bit length.
 */
function writeTerms(ps: readonly Point[], scalars: readonly bigint[], scs: number, ptrs: number, k: number, lp: number, ln: number): number {
  let bits = 0;
  let l = 0;
  const pw = ptrs >> 2;
  for (let i = 0; i < scalars.length; i++) {
    const s = scalars[i]!;
    if (s === 0n) continue;
    const b = writeScalar(scs + 32 * k, s);
    if (b > bits) bits = b;
    const p = adopt(ps[i]!);
    if (p.niels !== 0) u32[pw + k] = p.niels;
    else {
      i32.set(p.limbs, (lp + P3 * l) >> 2);
      u32[pw + k] = ln + NIELS * l;
      l++;
    }
    k++;
  }
  return bits;
}

/** Σ s_i·P_i with scalars in [0, 2^253): Straus below 32 terms, Pippenger above; `c` forces a Pippenger window. */
function msm(ps: readonly Point[], scalars: readonly bigint[], c = 0): WasmPoint {
  const { n, loose } = countTerms(ps, scalars);
  if (n === 0) return ZERO;
  // Layout: pointers, scalars, loose points (p3), their Niels forms, inversion scratch, then the MSM's.
  const [ptrs, scs, lp, ln, lfe, rest] = scratch(4 * n, 32 * n, P3 * loose, NIELS * loose, 2 * FE * loose, 0);
  const bits = writeTerms(ps, scalars, scs!, ptrs!, 0, lp!, ln!);
  if (loose > 0) ex.rp_to_niels_many(ln!, lp!, loose, lfe!);
  const need = ex.rp_msm_scratch(n, bits, c);
  ensure(rest! + need);
  ex.rp_msm(SLOT_R, n, ptrs!, scs!, bits, c, rest!);
  return take(SLOT_R);
}

const HALF = (ORDER + 1n) / 2n;

function halfTable(p: WasmPoint): number {
  if (p.halfTable === 0) p.halfTable = (p.multiply(HALF).precompute() as WasmPoint).table;
  return p.halfTable;
}

/**
 * Commitments in one call. A single one uses the tables of G and H; a batch uses those of G/2 and H/2
 * and doubles, so that the encodings of all of them share one inversion (rp_commit_encode_many).
 */
function commitMany(G: Point, H: Point, values: readonly bigint[], blindings: readonly bigint[], valueBits?: number): WasmPoint[] {
  const g = adopt(G).precompute() as WasmPoint;
  const h = adopt(H).precompute() as WasmPoint;
  const n = values.length;
  if (blindings.length !== n) throw new RangeError('commitMany: one blinding per value');
  if (valueBits !== undefined && !(Number.isInteger(valueBits) && valueBits >= 1 && valueBits <= 252)) throw new RangeError('commitMany: valueBits must be in [1, 252]');
  const vbound = valueBits === undefined ? ORDER : 1n << BigInt(valueBits);
  // Signed radix-16 digits of a value below 2^b: ceil(b / 4) plus one for the final carry.
  const vdig = valueBits === undefined ? 64 : Math.min(64, Math.ceil(valueBits / 4) + 1);
  const batch = n > 1;
  const tg = batch ? halfTable(g) : g.table;
  const th = batch ? halfTable(h) : h.table;
  const [vs, rs, out, enc, half, fes] = scratch(32 * n, 32 * n, P3 * n, batch ? 32 * n : 0, batch ? P3 * n : 0, batch ? 8 * FE * n + n : 0);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const r = blindings[i]!;
    if (v < 0n || v >= vbound || r < 0n || r >= ORDER) throw new RangeError(valueBits === undefined ? 'commitMany: scalars must be in [0, ℓ)' : `commitMany: a value is not below 2^${valueBits}`);
    writeScalar(vs! + 32 * i, v);
    writeScalar(rs! + 32 * i, r);
  }
  const res: WasmPoint[] = new Array(n);
  if (batch) {
    ex.rp_commit_encode_many(out!, enc!, tg, th, vs!, rs!, n, vdig, half!, fes!);
    for (let i = 0; i < n; i++) res[i] = take(out! + P3 * i, u8.slice(enc! + 32 * i, enc! + 32 * i + 32));
  } else {
    ex.rp_commit_many(out!, tg, th, vs!, rs!, n, vdig);
    for (let i = 0; i < n; i++) res[i] = take(out! + P3 * i);
  }
  return res;
}

/** Encodings of 2·P_i, one shared inversion (for tests; commitMany uses it internally). */
function doubleEncodeMany(ps: readonly Point[]): Uint8Array[] {
  const n = ps.length;
  const [inp, out, fes] = scratch(P3 * n, 32 * n, 8 * FE * n + n);
  for (let i = 0; i < n; i++) i32.set(adopt(ps[i]!).limbs, (inp! + P3 * i) >> 2);
  ex.rp_double_encode_many(out!, inp!, n, fes!);
  return Array.from({ length: n }, (_, i) => u8.slice(out! + 32 * i, out! + 32 * i + 32));
}

function fromUniform(b: Uint8Array): WasmPoint {
  if (!(b instanceof Uint8Array) || b.length !== 64) throw new RangeError('element derivation takes 64 bytes');
  const [inp] = scratch(64);
  u8.set(b, inp!);
  ex.rp_from_uniform_many(SLOT_R, inp!, 1);
  return take(SLOT_R);
}

function hashToGroupMany(msgs: Uint8Array, n: number, len: number, dstPrime: Uint8Array): WasmPoint[] {
  if (msgs.length !== n * len || dstPrime.length < 1 || dstPrime.length > 256) throw new RangeError('hashToGroupMany: n messages of len bytes and a DST\' of 1 to 256 bytes');
  const [inp, dst, out, scr] = scratch(msgs.length, dstPrime.length, P3 * n, 2 * (len + dstPrime.length + 67));
  u8.set(msgs, inp!);
  u8.set(dstPrime, dst!);
  ex.rp_hash_to_group_many(out!, inp!, n, len, dst!, dstPrime.length, scr!);
  const res: WasmPoint[] = new Array(n);
  for (let i = 0; i < n; i++) res[i] = take(out! + P3 * i);
  return res;
}

function toAffineBytes(ps: readonly Point[]): Uint8Array {
  const n = ps.length;
  const [inp, out, fes] = scratch(P3 * n, 64 * n, 2 * FE * n);
  for (let i = 0; i < n; i++) i32.set(adopt(ps[i]!).limbs, (inp! + P3 * i) >> 2);
  ex.rp_to_affine_many(out!, inp!, n, fes!);
  return u8.slice(out!, out! + 64 * n);
}

function fromAffineBytes(b: Uint8Array): WasmPoint[] {
  if (b.length % 64 !== 0) throw new EncodingError('encoding.point', 'a point table is a multiple of 64 bytes');
  const n = b.length / 64;
  const [inp, out, ok] = scratch(64 * n, P3 * n, n);
  u8.set(b, inp!);
  if (ex.rp_from_affine_many(out!, inp!, n, ok!) !== n) {
    for (let i = 0; i < n; i++) if (u8[ok! + i] !== 1) throw new EncodingError('encoding.point', `point ${i}: coordinate not below p, or not on the curve`);
  }
  const res: WasmPoint[] = new Array(n);
  for (let i = 0; i < n; i++) res[i] = take(out! + P3 * i);
  return res;
}

function pin(ps: readonly Point[]): void {
  const todo = ps.filter((p): p is WasmPoint => p instanceof WasmPoint && p.niels === 0);
  if (todo.length === 0) return;
  const n = todo.length;
  const dst = perm(NIELS * n);
  const [inp, fes] = scratch(P3 * n, 2 * FE * n);
  todo.forEach((p, i) => i32.set(p.limbs, (inp! + P3 * i) >> 2));
  ex.rp_to_niels_many(dst, inp!, n, fes!);
  todo.forEach((p, i) => (p.niels = dst + NIELS * i));
}

function shaWith(f: (out: number, inp: number, len: number) => void, size: number, b: Uint8Array): Uint8Array {
  const [out, inp] = scratch(64, b.length);
  u8.set(b, inp!);
  f(out!, inp!, b.length);
  return u8.slice(out!, out! + size);
}

/** SHA-2 of n messages of `len` bytes each in one call (`size`: the digest length). */
function shaMany(f: (out: number, inp: number, n: number, len: number) => void, size: number, msgs: Uint8Array, n: number, len: number): Uint8Array {
  if (msgs.length !== n * len) throw new RangeError('sha many: n messages of len bytes expected');
  const [out, inp] = scratch(size * n, msgs.length);
  u8.set(msgs, inp!);
  f(out!, inp!, n, len);
  return u8.slice(out!, out! + size * n);
}

function shaChain(msgs: Uint8Array, n: number, len: number, prevAt: number, same: number): Uint8Array {
  if (msgs.length !== n * len || !(prevAt >= 0 && prevAt + 32 <= len) || !(same >= 0 && same <= len)) throw new RangeError('sha chain: n messages of len bytes, prev inside each');
  const [out, inp] = scratch(32 * n, msgs.length);
  u8.set(msgs, inp!);
  ex.rp_sha256_chain(out!, inp!, n, len, prevAt, same);
  return u8.slice(out!, out! + 32 * n);
}

function exportRaw(ps: readonly Point[]): Uint8Array {
  const out = new Int32Array(40 * ps.length);
  ps.forEach((p, i) => out.set(adopt(p).limbs, 40 * i));
  return new Uint8Array(out.buffer);
}

function importRaw(b: Uint8Array): WasmPoint[] {
  const w = new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  const out: WasmPoint[] = [];
  for (let o = 0; o < w.length; o += 40) out.push(new WasmPoint(w.slice(o, o + 40)));
  return out;
}

/**
 * The range verifier's generator coefficients (wasm/src/scalar.h, rp_range_coeffs): every proof's g and h
 * are added into two arrays of N 32-byte scalars at `scs` and `scs + 32·N` (zeroed first). The layout must
 * already be allocated (scratch), `inp` and `cs` as large as rangeSizes says. Shapes are checked here, before
 * the module loops over them.
 */
function rangeCoefficients(scs: number, N: number, proofs: readonly RangeCoefficientInput[], inp: number, cs: number): void {
  u8.fill(0, scs, scs + 64 * N);
  for (const p of proofs) {
    const K = p.u2.length;
    const shapeOk = Number.isSafeInteger(p.n) && Number.isSafeInteger(p.mPad) && p.n >= 1 && p.mPad >= 1 && (p.c === 1 || p.c === 3);
    if (!shapeOk || p.n * p.mPad > N || p.a.length !== p.c || p.b.length !== p.c || p.uInv.length !== K || K > 30 || p.n * p.mPad !== p.c * 2 ** K) throw new RangeError('range coefficients: inconsistent shape');
    const all = [p.r, p.z, p.yInv, ...p.a, ...p.b, ...p.u2, ...p.uInv];
    for (let i = 0; i < all.length; i++) {
      const x = all[i]!;
      if (x < 0n || x >= ORDER) throw new RangeError('range coefficients: scalar out of range');
      writeScalar(inp + 32 * i, x);
    }
    ex.rp_range_coeffs(scs, scs + 32 * N, inp, p.n, p.mPad, p.c, K, cs);
  }
}

/** Bytes of input and of rp_range_coeffs scratch the largest proof of a batch needs. */
function rangeSizes(proofs: readonly RangeCoefficientInput[]): [number, number] {
  let inBytes = 0;
  let cs = 0;
  for (const p of proofs) {
    inBytes = Math.max(inBytes, 32 * (3 + 2 * p.a.length + 2 * p.u2.length));
    cs = Math.max(cs, ex.rp_range_coeffs_scratch(p.c, p.u2.length));
  }
  return [inBytes, cs];
}

const rangeScalars: RangeScalarOps = {
  coefficients(N, proofs) {
    const [inBytes, csBytes] = rangeSizes(proofs);
    const [scs, inp, cs] = scratch(64 * N, inBytes, csBytes);
    rangeCoefficients(scs!, N, proofs, inp!, cs!);
    const g: bigint[] = new Array(N);
    const h: bigint[] = new Array(N);
    for (let i = 0; i < N; i++) {
      g[i] = readScalar(scs! + 32 * i);
      h[i] = readScalar(scs! + 32 * (N + i));
    }
    return { g, h };
  },
  sumOfPowers(x, n) {
    if (x < 0n || x >= ORDER || !Number.isSafeInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError('sumOfPowers: x in [0, ℓ), n a 32-bit count');
    const [px, out] = scratch(32, 32);
    writeScalar(px!, x);
    ex.rp_sc_sum_powers(out!, px!, n);
    return readScalar(out!);
  },
  msm(G, H, proofs, ps, scalars) {
    const N = G.length;
    if (H.length !== N) throw new RangeError('range msm: G and H differ in length');
    // Pinning allocates permanent memory, so it comes before the scratch layout.
    const gs = G.map(adopt);
    const hs = H.map(adopt);
    pin(gs);
    pin(hs);
    const { n: extra, loose } = countTerms(ps, scalars);
    const total = 2 * N + extra;
    const [inBytes, csBytes] = rangeSizes(proofs);
    // Scalars: g (N), h (N), then the other nonzero terms, contiguous as rp_msm reads them.
    const [scs, ptrs, inp, cs, lp, ln, lfe, rest] = scratch(32 * total, 4 * total, inBytes, csBytes, P3 * loose, NIELS * loose, 2 * FE * loose, 0);
    rangeCoefficients(scs!, N, proofs, inp!, cs!);
    let bits = ex.rp_scalar_bits(scs!, 2 * N);
    const pw = ptrs! >> 2;
    for (let i = 0; i < N; i++) {
      u32[pw + i] = gs[i]!.niels;
      u32[pw + N + i] = hs[i]!.niels;
    }
    bits = Math.max(bits, writeTerms(ps, scalars, scs!, ptrs!, 2 * N, lp!, ln!));
    if (loose > 0) ex.rp_to_niels_many(ln!, lp!, loose, lfe!);
    if (bits === 0) return ZERO;
    const need = ex.rp_msm_scratch(total, bits, 0);
    ensure(rest! + need);
    ex.rp_msm(SLOT_R, total, ptrs!, scs!, bits, 0, rest!);
    return take(SLOT_R);
  },
};

/** Element-wise scalar operations in the module (tests and benchmark): 0 a·b, 1 a + b, 2 a − b, 3 a·R, 4 a·R⁻¹ (mod ℓ). */
function scalarMany(op: number, a: readonly bigint[], b: readonly bigint[]): bigint[] {
  const n = a.length;
  const [pa, pb] = scratch(32 * n, 32 * n);
  for (let i = 0; i < n; i++) {
    writeScalar(pa! + 32 * i, a[i]!);
    writeScalar(pb! + 32 * i, b[i] ?? 0n);
  }
  ex.rp_sc_many(pa!, pa!, pb!, n, op);
  return Array.from({ length: n }, (_, i) => readScalar(pa! + 32 * i));
}

let ZERO: WasmPoint;

/** Instantiates the module synchronously (fine in Node, workers and vm contexts; a browser's main thread
 * may refuse large synchronous compiles, then `initWasm` is the way). Throws if WebAssembly is missing. */
function instantiate(mod: WebAssembly.Module): GroupBackend {
  const inst = new WebAssembly.Instance(mod, {});
  ex = inst.exports as unknown as Exports;
  ex.rp_init();
  views();
  const heap = ex.__heap_base.value as number;
  SLOT_A = align(heap);
  SLOT_B = SLOT_A + P3;
  SLOT_R = SLOT_B + P3;
  SLOT_S = SLOT_R + P3;
  SLOT_E = SLOT_S + 32;
  SLOT_OK = SLOT_E + 32;
  permTop = SLOT_OK + 64;
  const zero = new Uint8Array(32);
  ZERO = fromBytes(zero);
  const BASE = fromBytes(Uint8Array.from([0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71, 0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00, 0x51, 0x5f, 0x58, 0xe3, 0x0b, 0x6a, 0xa5, 0x82, 0xdd, 0x8d, 0xb6, 0xa6, 0x59, 0x45, 0xe0, 0x8d, 0x2d, 0x76]));
  return {
    name: 'wasm',
    ZERO,
    BASE,
    fromBytes,
    decodeMany,
    encodeMany,
    fromUniform,
    hashToGroupMany,
    sum,
    msm: (ps, s) => msm(ps, s),
    commitMany,
    toAffineBytes,
    fromAffineBytes,
    pin,
    exportRaw,
    importRaw,
    sha256: (b) => shaWith(ex.rp_sha256, 32, b),
    sha512: (b) => shaWith(ex.rp_sha512, 64, b),
    sha256Many: (m, n, len) => shaMany(ex.rp_sha256_many, 32, m, n, len),
    sha512Many: (m, n, len) => shaMany(ex.rp_sha512_many, 64, m, n, len),
    sha256Chain: shaChain,
    rangeScalars,
  };
}

let cached: GroupBackend | null = null;

/** The WebAssembly backend, compiled synchronously on first use. */
export function wasmBackend(): GroupBackend {
  if (!cached) cached = instantiate(new WebAssembly.Module(base64(WASM_BASE64)));
  return cached;
}

/** Compiles the module asynchronously (a browser's main thread), then returns the backend. */
export async function wasmBackendAsync(): Promise<GroupBackend> {
  if (!cached) cached = instantiate(await WebAssembly.compile(base64(WASM_BASE64)));
  return cached;
}

/** For tests and the benchmark: MSM with a forced Pippenger window, and the raw field benchmark. */
export const wasmInternals = {
  msmWindow: (ps: readonly Point[], s: readonly bigint[], c: number): Point => msm(ps, s, c),
  doubleEncodeMany,
  scalarMany,
  benchField(n: number, square: boolean): number {
    const [f] = scratch(FE);
    i32.set([1234567, 2345678, 3456789, 456789, 567890, 678901, 789012, 890123, 901234, 123456], f! >> 2);
    const t = performance.now();
    ex.rp_bench_fe(f!, n, square ? 1 : 0);
    return ((performance.now() - t) * 1e6) / n;
  },
};
