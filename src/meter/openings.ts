/**
 * Openings r_i,k = HashToScalar("meterproof/v1/opening" ‖ seed ‖ meter ‖ i ‖ k) (PROTOCOL.md section 3).
 * The seed is a 32-byte secret the meter shares with the user once, at pairing; from it the user can
 * recompute every opening, so the meter sends only readings and signed records.
 */
import { framed, uintLE, utf8 } from '../core/bytes.js';
import { sha512Many } from '../core/hash.js';
import { hashToScalar, scalarFromWideAt, type Scalar } from '../core/scalar.js';

export const SEED_BYTES = 32;
const DOMAIN = 'meterproof/v1/opening';

export function opening(seed: Uint8Array, meter: string, seq: number, register: number): Scalar {
  return hashToScalar(DOMAIN, seed, utf8(meter), uintLE(seq, 8), uintLE(register, 1));
}

/** Messages hashed per backend call: bounds the buffer whatever the run's length. */
const BATCH = 4096;

/**
 * The openings of registers 0..registers−1 of every record in `seqs`, record-major (index
 * i·registers + k), equal to `opening(seed, meter, seqs[i], k)`: every message has the same length, so
 * they are laid end to end from one template and hashed in a few backend calls instead of one each.
 */
export function openingsOf(seed: Uint8Array, meter: string, seqs: readonly number[], registers: number): Scalar[] {
  // frame(domain) ‖ frame(seed) ‖ frame(meter) ‖ frame(seq, 8 bytes LE) ‖ frame(k, 1 byte): the framing of digest512.
  const prefix = new Uint8Array([...framed(utf8(DOMAIN)), ...framed(seed), ...framed(utf8(meter))]);
  const len = prefix.length + 4 + 8 + 4 + 1;
  const seqAt = prefix.length + 4;
  const kAt = seqAt + 8 + 4;
  const total = seqs.length * registers;
  const out = new Array<Scalar>(total);
  const buf = new Uint8Array(len * Math.min(BATCH, total));
  for (let o = 0; o < buf.length; o += len) {
    buf.set(prefix, o);
    buf[o + seqAt - 4] = 8;
    buf[o + kAt - 4] = 1;
  }
  for (let done = 0; done < total; ) {
    const n = Math.min(BATCH, total - done);
    for (let j = 0; j < n; j++) {
      const idx = done + j;
      const seq = seqs[Math.floor(idx / registers)]!;
      if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError('a sequence number is a non-negative safe integer');
      const o = j * len + seqAt;
      let lo = seq % 0x100000000;
      let hi = Math.floor(seq / 0x100000000);
      for (let b = 0; b < 4; b++, lo = Math.floor(lo / 256), hi = Math.floor(hi / 256)) {
        buf[o + b] = lo & 0xff;
        buf[o + 4 + b] = hi & 0xff;
      }
      buf[j * len + kAt] = idx % registers;
    }
    const digests = sha512Many(n === buf.length / len ? buf : buf.subarray(0, n * len), n, len);
    for (let j = 0; j < n; j++) out[done + j] = scalarFromWideAt(digests, 64 * j);
    done += n;
  }
  return out;
}
