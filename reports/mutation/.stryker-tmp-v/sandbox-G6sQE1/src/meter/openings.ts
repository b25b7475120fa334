/**
 * Openings r_i,k = HashToScalar("meterproof/v1/opening" ‖ seed ‖ meter ‖ i ‖ k) (PROTOCOL.md section 3).
 * The seed is a 32-byte secret the meter shares with the user once, at pairing; from it the user can
 * recompute every opening, so the meter sends only readings and signed records.
 */
// @ts-nocheck

import { uintLE, utf8 } from '../core/bytes.js';
import { hashToScalar, type Scalar } from '../core/scalar.js';

export const SEED_BYTES = 32;

export function opening(seed: Uint8Array, meter: string, seq: number, register: number): Scalar {
  return hashToScalar('meterproof/v1/opening', seed, utf8(meter), uintLE(seq, 8), uintLE(register, 1));
}
