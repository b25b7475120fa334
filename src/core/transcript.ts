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
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, int64LE, uintLE, utf8 } from './bytes.js';
import { pointToBytes, type Point } from './point.js';
import { systemRng, type Rng } from './rng.js';
import { scalarFromWide, scalarToBytes, type Scalar } from './scalar.js';

const OP_DOMAIN = 0x01;
const OP_APPEND = 0x02;
const OP_CHALLENGE = 0x03;
const OP_WITNESS = 0x04;

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
   * A prover nonce bound to the transcript so far, the witness, and fresh randomness (Merlin's
   * "transcript RNG"): a weak random source alone cannot leak the witness, and the transcript is unchanged.
   */
  witnessScalar(label: string, ...witness: Uint8Array[]): Scalar {
    const h = this.state.clone();
    for (const w of witness) h.update(frame(OP_WITNESS, label, w));
    h.update(frame(OP_WITNESS, 'rng', this.rng(32)));
    return scalarFromWide(h.digest());
  }

  /** An independent copy, for provers that must look ahead. */
  fork(): Transcript {
    const t = new Transcript('fork', this.rng);
    t.state = this.state.clone();
    return t;
  }
}

