/**
 * Fiat–Shamir transcript in the spirit of Merlin (PROTOCOL.md section 2), built on SHA-512.
 *
 * The state is a running SHA-512 over a sequence of operations, each framed as
 *   op-byte ‖ u32 len(label) ‖ label ‖ u32 len(data) ‖ data,
 * so no two different sequences of appends give the same state. A challenge hashes a copy of the state
 * plus its label, reduces the 64-byte output mod ℓ, and absorbs the output back into the state, so every
 * later challenge depends on every earlier one.
 *
 * Every public input of a statement must be appended before the first challenge; leaving one out is a
 * soundness bug (the "Frozen Heart" class). Proof code never hashes bytes by hand: it calls these methods.
 *
 * Prover randomness (Merlin's TranscriptRng, on SHA-512). No prover uses the caller's rng directly. Once
 * its statement is absorbed it calls `witnessRng(label, witness)`, which rekeys once, from a copy of the
 * state (the transcript itself is unchanged), the witness and 32 fresh bytes of the transcript's rng:
 *   K = SHA-512( state ‖ frame(0x04, label, w_1) ‖ … ‖ frame(0x04, label, w_k) ‖ frame(0x05, "rng", rng(32)) )
 * and then draws every nonce and blinding under a label and an index of its own (a PRF in counter mode):
 *   draw(label, i) = SHA-512( K ‖ u32 len(label) ‖ label ‖ u64 i )  reduced mod ℓ.
 * So, whatever the rng returns:
 *   - two draws of one proof are never equal (distinct (label, i)): a constant rng cannot make, say, all
 *     s_L[i] of a range proof one value, which let a search recover a 16-bit value from one proof;
 *   - two proofs of different statements or witnesses share no nonce (K differs);
 *   - predicting a nonce takes the witness. The witnesses here always include Pedersen openings derived
 *     from the meter's secret seed, so a weak rng alone does not leak the witness; with a good rng the
 *     nonces are uniform even for a guessable witness;
 *   - a seeded rng gives reproducible proofs (test vectors).
 * A draw is one SHA-512 compression (K ‖ label ‖ i fits one block for labels under 36 bytes) and a wide
 * reduction: the largest range proof's 2 × 98,304 draws of s_L, s_R take about 1 s in JavaScript (less
 * than the per-draw state clone this replaced), against ≈ 30 s for the proof.
 */
// @ts-nocheck

import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, int64LE, uintLE, utf8 } from './bytes.js';
import { pointToBytes, type Point } from './point.js';
import { systemRng, type Rng } from './rng.js';
import { scalarFromWide, scalarToBytes, type Scalar } from './scalar.js';

const OP_DOMAIN = 0x01;
const OP_APPEND = 0x02;
const OP_CHALLENGE = 0x03;
const OP_WITNESS = 0x04;
const OP_RNG = 0x05;

type Hasher = ReturnType<typeof sha512.create>;

function frame(op: number, label: string, data: Uint8Array): Uint8Array {
  const l = utf8(label);
  return concatBytes(Uint8Array.of(op), uintLE(l.length, 4), l, uintLE(data.length, 4), data);
}

export class Transcript {
  private state: Hasher;
  private readonly rng: Rng;

  /** `protocol` names the proof system, e.g. "meterproof/v1/bill"; `rng` feeds prover nonces only. */
  constructor(protocol: string, rng: Rng = systemRng) {
    this.rng = rng;
    this.state = sha512.create();
    this.state.update(frame(OP_DOMAIN, 'meterproof-transcript', utf8(protocol)));
  }

  appendBytes(label: string, data: Uint8Array): this {
    this.state.update(frame(OP_APPEND, label, data));
    return this;
  }

  appendString(label: string, s: string): this {
    return this.appendBytes(label, utf8(s));
  }

  appendU64(label: string, n: number | bigint): this {
    return this.appendBytes(label, uintLE(n, 8));
  }

  appendI64(label: string, n: number | bigint): this {
    return this.appendBytes(label, int64LE(n));
  }

  appendPoint(label: string, p: Point): this {
    return this.appendBytes(label, pointToBytes(p));
  }


  /**
   * An integer absorbed exactly, as 32-byte two's complement little-endian: never its residue mod ℓ, so
   * F and F + ℓ absorb differently (docs/bounds.md). |n| < 2^255.
   */
  appendInteger(label: string, n: bigint): this {
    if (n < -(1n << 255n) || n >= 1n << 255n) throw new RangeError('integer does not fit in 256 bits');
    return this.appendBytes(label, uintLE(n < 0n ? n + (1n << 256n) : n, 32));
  }

  appendScalar(label: string, s: Scalar): this {
    return this.appendBytes(label, scalarToBytes(s));
  }

  challengeScalar(label: string): Scalar {
    const h = this.state.clone();
    h.update(frame(OP_CHALLENGE, label, new Uint8Array(0)));
    const out = h.digest();
    this.state.update(frame(OP_CHALLENGE, label, out));
    return scalarFromWide(out);
  }

  /**
   * The prover's nonce source for the witness given (see the top of this module): bound to the
   * transcript so far, every witness part (framed, so the parts' boundaries count) and 32 fresh bytes of
   * the rng. Build it once per proof, after the statement is absorbed; the transcript is unchanged.
   */
  witnessRng(label: string, witness: Iterable<Uint8Array>): WitnessRng {
    const h = this.state.clone();
    for (const w of witness) h.update(frame(OP_WITNESS, label, w));
    const fresh = this.rng(32);
    if (!(fresh instanceof Uint8Array) || fresh.length !== 32) throw new RangeError('the rng must return the number of bytes asked for');
    h.update(frame(OP_RNG, 'rng', fresh));
    return new WitnessRng(h.digest());
  }

  /** An independent copy, for provers that must look ahead. */
  fork(): Transcript {
    const t = new Transcript('fork', this.rng);
    t.state = this.state.clone();
    return t;
  }
}

/**
 * Nonces drawn from a 64-byte key K (made by `Transcript.witnessRng`): draw(label, i) =
 * SHA-512(K ‖ u32 len(label) ‖ label ‖ u64 i), each (label, i) its own value. Use every (label, i) once.
 */
export class WitnessRng {
  /** K ‖ u32 len(label) ‖ label ‖ u64 index, per label: a draw only writes the index and hashes. */
  private readonly buffers = new Map<string, Uint8Array>();

  constructor(private readonly key: Uint8Array) {
    if (key.length !== 64) throw new RangeError('a witness rng key is 64 bytes');
  }

  /** 64 pseudo-random bytes for (label, index). */
  bytes(label: string, index = 0): Uint8Array {
    if (!Number.isSafeInteger(index) || index < 0) throw new RangeError('a draw index is a non-negative safe integer');
    let buf = this.buffers.get(label);
    if (!buf) {
      const l = utf8(label);
      buf = concatBytes(this.key, uintLE(l.length, 4), l, new Uint8Array(8));
      this.buffers.set(label, buf);
    }
    const view = new DataView(buf.buffer, buf.byteOffset + buf.length - 8, 8);
    view.setUint32(0, index >>> 0, true);
    view.setUint32(4, Math.floor(index / 2 ** 32), true);
    return sha512(buf);
  }

  /** A scalar for (label, index): the 64 bytes reduced mod ℓ (bias < 2^-250). */
  scalar(label: string, index = 0): Scalar {
    return scalarFromWide(this.bytes(label, index));
  }
}
