/**
 * The meter's hash-chained log (PROTOCOL.md section 3).
 *
 * Record i = { v: 2, meter, layout: L, seq: i, start, duration, registers: [C_i,k], prev: h_{i-1} } with
 * C_i,k = Com(q_i,k, r_i,k) and L the digest of the meter's unit and register names (layout.ts). Its
 * hash is h_i = SHA-256 over the domain "meterproof/v1/record" and the length-framed canonical fields;
 * the meter signs "meterproof/v1/record" ‖ 0x00 ‖ h_i. Because each record names the hash of the one
 * before, a signature on the last record of a run authenticates the whole run: its commitments, times
 * and layout.
 *
 * Version 1 records (before the layout was signed) hashed the same fields without L; the version is
 * hashed first, so no record of one version has the hash of a record of the other.
 */
// @ts-nocheck

import { sha256 } from '../core/hash.js';
import { framed, int64LE, uintLE, utf8 } from '../core/bytes.js';

/** Version 2: every record's hash includes the layout digest. Logs of version 1 are refused by name. */
export const RECORD_VERSION = 2;
export const RECORD_DOMAIN = 'meterproof/v1/record';
/** The `prev` of a meter's very first record. */
export const GENESIS_PREV = new Uint8Array(32);

export const METER_ID_RE = /^[A-Za-z0-9._:-]{1,64}$/;

export interface RecordFields {
  readonly meter: string;
  /** The layout digest L (layoutDigest in layout.ts): the same for every record of a run. */
  readonly layout: Uint8Array;
  readonly seq: number;
  readonly start: number;
  readonly duration: number;
  /** Encoded commitments, one per register, 32 bytes each. */
  readonly registers: readonly Uint8Array[];
  readonly prev: Uint8Array;
}

/** h = SHA-256(domain, v, meter, L, seq, start, duration, #registers, C_1..C_k, prev), every field framed. */
export function recordHash(r: RecordFields, meterBytes: Uint8Array = utf8(r.meter)): Uint8Array {
  // frame(domain) ‖ frame(field)… in one buffer: this runs once per record on every verification, so it
  // avoids per-field allocations.
  const parts = [
    Uint8Array.of(RECORD_VERSION),
    meterBytes,
    r.layout,
    uintLE(r.seq, 8),
    int64LE(r.start),
    uintLE(r.duration, 4),
    uintLE(r.registers.length, 1),
    ...r.registers,
    r.prev,
  ];
  let n = DOMAIN_FRAMED.length;
  for (const p of parts) n += 4 + p.length;
  const buf = new Uint8Array(n);
  buf.set(DOMAIN_FRAMED, 0);
  let o = DOMAIN_FRAMED.length;
  for (const p of parts) {
    const l = p.length;
    buf[o] = l & 0xff;
    buf[o + 1] = (l >>> 8) & 0xff;
    buf[o + 2] = (l >>> 16) & 0xff;
    buf[o + 3] = (l >>> 24) & 0xff;
    buf.set(p, o + 4);
    o += 4 + l;
  }
  return sha256(buf);
}

const DOMAIN_FRAMED = framed(utf8(RECORD_DOMAIN));
