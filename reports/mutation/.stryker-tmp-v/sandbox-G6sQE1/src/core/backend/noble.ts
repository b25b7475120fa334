/**
 * The noble backend: @noble/curves' ristretto255 (audited, pure TypeScript) for single operations, and
 * the bigint multi-scalar multiplication of noble-msm.ts. The fallback where WebAssembly is missing,
 * and the oracle the WebAssembly backend is tested against.
 */
// @ts-nocheck

import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { EncodingError } from '../errors.js';
import type { Point } from '../point.js';
import { EXT_IDENTITY, extAdd, fromAffineBytes, fromExt, msmExt, toAffineBytes, toExt, type Ext } from './noble-msm.js';
import type { GroupBackend } from './types.js';

const RP = ristretto255.Point;

function fromBytes(b: Uint8Array): Point {
  if (!(b instanceof Uint8Array) || b.length !== 32) throw new EncodingError('encoding.point', 'a point is exactly 32 bytes');
  try {
    return RP.fromBytes(b) as unknown as Point;
  } catch {
    throw new EncodingError('encoding.point', 'not a canonical ristretto255 encoding');
  }
}

export const nobleBackend: GroupBackend = {
  name: 'noble',
  ZERO: RP.ZERO as unknown as Point,
  BASE: RP.BASE as unknown as Point,
  fromBytes,
  decodeMany: (bs) =>
    bs.map((b) => {
      try {
        return fromBytes(b);
      } catch {
        return null;
      }
    }),
  encodeMany: (ps) => ps.map((p) => p.toBytes()),
  fromUniform: (b) => ristretto255_hasher.deriveToCurve!(b) as unknown as Point,
  sum: (ps) => {
    let acc: Ext = EXT_IDENTITY;
    for (const p of ps) acc = extAdd(acc, toExt(p));
    return fromExt(acc);
  },
  msm: (ps, scalars) => fromExt(msmExt(ps.map(toExt), scalars)),
  commitMany: (G, H, values, blindings, valueBits) =>
    values.map((v, i) => {
      if (valueBits !== undefined && (v < 0n || v >= 1n << BigInt(valueBits))) throw new RangeError(`commitMany: a value is not below 2^${valueBits}`);
      const r = blindings[i]!;
      const a = v === 0n ? (RP.ZERO as unknown as Point) : G.multiply(v);
      return r === 0n ? a : a.add(H.multiply(r));
    }),
  toAffineBytes,
  fromAffineBytes,
  pin: () => {},
  exportRaw: (ps) => {
    const out = new Uint8Array(128 * ps.length);
    ps.forEach((p, i) => {
      const e = toExt(p);
      [e.X, e.Y, e.Z, e.T].forEach((c, k) => out.set(numberToBytesLE(((c % P) + P) % P, 32), 128 * i + 32 * k));
    });
    return out;
  },
  importRaw: (b) => {
    const out: Point[] = [];
    for (let o = 0; o < b.length; o += 128) {
      const c = [0, 1, 2, 3].map((k) => bytesToNumberLE(b.subarray(o + 32 * k, o + 32 * k + 32)));
      out.push(fromExt({ X: c[0]!, Y: c[1]!, Z: c[2]!, T: c[3]! }));
    }
    return out;
  },
};

const P = (1n << 255n) - 19n;
