/**
 * The meter's hash-chained log (PROTOCOL.md section 3).
 *
 * Record i = { v: 1, meter, seq: i, start, duration, registers: [C_i,k], prev: h_{i-1} } with
 * C_i,k = Com(q_i,k, r_i,k). Its hash is h_i = SHA-256 over the domain "meterproof/v1/record" and the
 * length-framed canonical fields; the meter signs "meterproof/v1/record" ‖ 0x00 ‖ h_i. Because each
 * record names the hash of the one before, a signature on the last record of a run authenticates the
 * whole run.
 */
import { uintLE, int64LE, utf8 } from '../core/bytes.js';
import { digest256 } from '../core/hash.js';

export const RECORD_VERSION = 1;
export const RECORD_DOMAIN = 'meterproof/v1/record';
/** The `prev` of a meter's very first record. */
export const GENESIS_PREV = new Uint8Array(32);

export const METER_ID_RE = /^[A-Za-z0-9._:-]{1,64}$/;

export interface RecordFields {
  readonly meter: string;
  readonly seq: number;
  readonly start: number;
  readonly duration: number;
  /** Encoded commitments, one per register, 32 bytes each. */
  readonly registers: readonly Uint8Array[];
  readonly prev: Uint8Array;
}

/** h = SHA-256(domain, v, meter, seq, start, duration, #registers, C_1..C_k, prev), every field framed. */
export function recordHash(r: RecordFields, meterBytes: Uint8Array = utf8(r.meter)): Uint8Array {
  return digest256(
    RECORD_DOMAIN,
    Uint8Array.of(RECORD_VERSION),
    meterBytes,
    uintLE(r.seq, 8),
    int64LE(r.start),
    uintLE(r.duration, 4),
    uintLE(r.registers.length, 1),
    ...r.registers,
    r.prev,
  );
}
