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
import { sha256, sha256Chain } from '../core/hash.js';
import { framed, hexInto, int64LE, uintLE, utf8 } from '../core/bytes.js';
import { EncodingError } from '../core/errors.js';

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

/** One record of a run, as `recordChain` reads it: commitments as 32 bytes or 64 lowercase hex digits. */
export interface ChainRecord {
  readonly seq: number;
  readonly start: number;
  readonly duration: number;
  readonly commitments: readonly (string | Uint8Array)[];
}

/** Records hashed per backend call: bounds the buffer whatever the run's length. */
const CHAIN_BATCH = 2048;

/**
 * The hashes h_0 … h_{n−1} of a run of records with `registers` commitments each, chained from `prev`:
 * exactly what `recordHash` gives record by record (h_i names h_{i−1}), in a few backend calls. Every
 * record's message has the same length (one meter, one layout, one register count), so the messages are
 * laid end to end and the backend chains them itself. Returns n·32 bytes; throws RangeError for a record
 * with another number of commitments and EncodingError for a commitment that is not 32 bytes.
 */
export function recordChain(meter: string | Uint8Array, layout: Uint8Array, records: readonly ChainRecord[], registers: number, prev: Uint8Array): Uint8Array {
  if (!Number.isInteger(registers) || registers < 1 || registers > 255) throw new RangeError('a record has 1 to 255 registers');
  const meterBytes = typeof meter === 'string' ? utf8(meter) : meter;
  const head = [DOMAIN_FRAMED, framed(Uint8Array.of(RECORD_VERSION)), framed(meterBytes), framed(layout)];
  let prefixLen = 0;
  for (const h of head) prefixLen += h.length;
  // Then frame(seq: 8) frame(start: 8) frame(duration: 4) frame(K: 1) K × frame(C: 32) frame(prev: 32).
  const len = prefixLen + 12 + 12 + 8 + 5 + 36 * registers + 36;
  const prevAt = len - 32;
  const n = records.length;
  const out = new Uint8Array(32 * n);
  const cap = Math.min(CHAIN_BATCH, n);
  const buf = new Uint8Array(len * cap);
  for (let j = 0; j < cap; j++) {
    let o = j * len;
    for (const h of head) {
      buf.set(h, o);
      o += h.length;
    }
    for (const w of [8, 8, 4, 1]) {
      buf[o] = w;
      o += 4 + w;
    }
    buf[o - 1] = registers;
    for (let k = 0; k <= registers; k++, o += 36) buf[o] = 32;
  }
  let last = prev;
  for (let done = 0; done < n; done += cap) {
    const m = Math.min(cap, n - done);
    for (let j = 0; j < m; j++) {
      const r = records[done + j]!;
      const base = j * len + prefixLen;
      buf.set(uintLE(r.seq, 8), base + 4);
      buf.set(int64LE(r.start), base + 16);
      buf.set(uintLE(r.duration, 4), base + 28);
      if (r.commitments.length !== registers) throw new RangeError(`record ${r.seq} has ${r.commitments.length} commitments for ${registers} registers`);
      for (let k = 0; k < registers; k++) {
        const c = r.commitments[k]!;
        const at = base + 37 + 36 * k + 4;
        if (typeof c === 'string') {
          if (!hexInto(c, 32, buf, at)) throw new EncodingError('encoding.bytes', 'a commitment is 32 bytes of lowercase hex');
        } else if (c instanceof Uint8Array && c.length === 32) buf.set(c, at);
        else throw new EncodingError('encoding.bytes', 'a commitment is 32 bytes');
      }
    }
    buf.set(last, prevAt);
    const hs = sha256Chain(m === cap ? buf : buf.subarray(0, m * len), m, len, prevAt, prefixLen);
    out.set(hs, 32 * done);
    last = hs.subarray(32 * (m - 1));
  }
  return out;
}
